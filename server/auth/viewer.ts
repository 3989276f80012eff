/**
 * Who a request is made for, and how the console speaks to Kubernetes on their behalf
 * (issue 16). A route's `respond()` establishes the viewer once per request; everything below
 * reads it with `currentViewer()`. Outside a request (background services, the experiment
 * runner) there is none, and the console acts with its own identity.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type AuthStrategy = "anonymous" | "token" | "openid" | "header";

/** How Kubernetes calls are made for the viewer. */
export type KubeCredential =
  /** The console's own kubeconfig identity (the anonymous strategy, on loopback only). */
  | { kind: "console" }
  /**
   * The viewer's bearer token replaces the kubeconfig's credentials (token strategy, OpenID ID token, proxy bearer).
   */
  | { kind: "bearer"; token: string }
  /** The console's identity with Impersonate-User / Impersonate-Group set to the viewer (OpenID, trusted proxy). */
  | { kind: "impersonate" };

export interface Viewer {
  /** The Kubernetes user name, as the API server sees it. */
  name: string;
  groups: string[];
  strategy: AuthStrategy;
  credential: KubeCredential;
}

const storage = new AsyncLocalStorage<Viewer>();

export function runAsViewer<T>(viewer: Viewer, work: () => T): T {
  return storage.run(viewer, work);
}

/** The viewer of the request being served, or undefined outside one. */
export function currentViewer(): Viewer | undefined {
  return storage.getStore();
}
