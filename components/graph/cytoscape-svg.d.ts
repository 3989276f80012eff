/** cytoscape-svg ships no types: its default export is a Cytoscape extension (registered in canvas-image.ts). */
declare module "cytoscape-svg" {
  const register: import("cytoscape").Ext;
  export default register;
}
