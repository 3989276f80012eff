/**
 * After the console changes the mesh (a wizard, the YAML editor, an experiment, a rollback,
 * an exposure, a policy, sidecar injection), the graphs and the change markers refetch at
 * once rather than at the next poll: the graph's config badges (lib/graph-view/view-model.ts)
 * and the markers on its charts then show the change without a manual refresh. Every
 * mutation that writes mesh config calls this on success; one helper, so a new one is one line.
 */
import type { QueryClient } from "@tanstack/react-query";
import { changesKeys } from "./changes";
import { graphKeys } from "./graph";

export async function refetchAfterMeshChange(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: graphKeys.all }),
    client.invalidateQueries({ queryKey: changesKeys.all }),
  ]);
}
