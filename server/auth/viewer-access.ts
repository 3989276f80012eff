/**
 * "May the current viewer do that?", answered by the API server: a SelfSubjectAccessReview
 * made as the viewer (server/adapters/kube/access-review.ts). Answers are kept 30 s per
 * person and question — a page's dozen requests ask once, and a revoked RoleBinding shows
 * within that — for at most 2,000 answers. A failed review is not kept. A viewer acting
 * with the console's identity (anonymous strategy, background services) is not asked about:
 * the console's own RBAC is what applies, as before sign-in existed.
 */
import "server-only";
import { reviewAccess, type KubeConnection, type ResourceAttributes } from "@/server/adapters/kube";
import { cacheByKey } from "@/lib/cache-by-key";
import { currentViewer, type Viewer } from "./viewer";
import { actsAsSomeoneElse, getViewerConnection } from "./viewer-connection";

const ACCESS_TTL_MS = 30_000;
const MAX_ANSWERS = 2_000;

interface AccessQuestion {
  viewerKey: string;
  attributes: ResourceAttributes;
  connection: KubeConnection;
}

const review = cacheByKey(
  ({ connection, attributes }: AccessQuestion) => reviewAccess(connection, attributes),
  ({ viewerKey, attributes }) => `${viewerKey}|${JSON.stringify(attributes)}`,
  { ttlMs: ACCESS_TTL_MS, maxEntries: MAX_ANSWERS },
);

/** One key per person as the API server knows them (same name and groups: same RBAC). */
function keyOf(viewer: Viewer): string {
  return JSON.stringify([viewer.strategy, viewer.credential.kind, viewer.name, [...viewer.groups].sort()]);
}

export interface ViewerAccess {
  /** The viewer acts as the console: nothing to ask, the console's own RBAC applies. */
  readonly asConsole: boolean;
  /** The signed-in name, for messages (undefined when acting as the console). */
  readonly name: string | undefined;
  may(attributes: ResourceAttributes): Promise<boolean>;
}

export function viewerAccess(): ViewerAccess {
  const viewer = currentViewer();
  if (!actsAsSomeoneElse(viewer)) return { asConsole: true, name: undefined, may: async () => true };
  const viewerKey = keyOf(viewer);
  const connection = getViewerConnection();
  return { asConsole: false, name: viewer.name, may: (attributes) => review({ viewerKey, attributes, connection }) };
}
