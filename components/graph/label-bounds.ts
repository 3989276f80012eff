/**
 * Cytoscape's bounding-box options for an element's main label alone: no body, no source or
 * target label, no overlay. The traffic animation leaves these boxes out of its frames
 * (traffic-animation.ts), and the graph e2e reads the same boxes to check it.
 */
export const mainLabelOnly = {
  includeNodes: false,
  includeEdges: false,
  includeLabels: true,
  includeMainLabels: true,
  includeSourceLabels: false,
  includeTargetLabels: false,
  includeOverlays: false,
  includeUnderlays: false,
} as const;
