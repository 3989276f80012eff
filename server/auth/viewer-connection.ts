/**
 * How the current viewer (viewer.ts) reaches Kubernetes: the identity the kube adapter is
 * given for them, and the connection every call that is not a cached read uses — writes,
 * dry-runs and access reviews — so the API server enforces the viewer's own RBAC. Cached
 * reads stay on the console's identity (server/adapters/kube/cluster-cache.ts).
 */
import "server-only";
import { connectionAs, getKubeConnection, type KubeConnection, type KubeIdentity } from "@/server/adapters/kube";
import { getConfig } from "@/server/config";
import { TopsailError } from "@/server/errors";
import { currentViewer, type Viewer } from "./viewer";

/** No viewer (a background service, the experiment runner) acts as the console. */
export function kubeIdentityOf(viewer: Viewer | undefined): KubeIdentity {
  if (!viewer) return { kind: "console" };
  const credential = viewer.credential;
  switch (credential.kind) {
    case "console":
      return { kind: "console" };
    case "bearer":
      return { kind: "bearer", token: credential.token };
    case "impersonate":
      return { kind: "impersonate", user: viewer.name, groups: viewer.groups };
  }
}

/** True when the viewer's requests go to Kubernetes with their own identity (not the console's). */
export function actsAsSomeoneElse(viewer: Viewer | undefined = currentViewer()): viewer is Viewer {
  return kubeIdentityOf(viewer).kind !== "console";
}

/** The console's connection acting as the current viewer. */
export function getViewerConnection(): KubeConnection {
  return connectionAs(getKubeConnection(), kubeIdentityOf(currentViewer()));
}

/** Refuses every change while TOPSAIL_VIEW_ONLY=on (README, settings table). */
export function assertChangesAllowed(): void {
  if (getConfig().viewOnly) {
    throw new TopsailError(
      "view_only",
      "This console is view-only (TOPSAIL_VIEW_ONLY=on): it makes no changes to the cluster. Ask whoever runs it to set TOPSAIL_VIEW_ONLY=off.",
    );
  }
}

/** The connection a change is made through: the viewer's, once view-only mode allows changes at all. */
export function getWriteConnection(): KubeConnection {
  assertChangesAllowed();
  return getViewerConnection();
}

/**
 * Who made a change, for the audit log: the signed-in viewer, or — with no sign-in (the
 * anonymous strategy, background services) — the Kubernetes user of the kubeconfig context,
 * which is also who the API server saw.
 */
export function actorOfViewer(connection: KubeConnection): { actor: string; actorGroups: string[] } {
  const viewer = currentViewer();
  if (viewer && viewer.strategy !== "anonymous") return { actor: viewer.name, actorGroups: [...viewer.groups] };
  return { actor: connection.kubeConfig.getCurrentUser()?.name ?? connection.context, actorGroups: [] };
}
