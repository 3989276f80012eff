/**
 * Which namespaces the current viewer may see. The console reads the whole cluster through
 * one cache under its own identity; what a person is shown is filtered here, namespace by
 * namespace, by asking the API server as that person whether they may `get` the namespace —
 * the check Kiali makes (it fetches each namespace with the user's client) and the one the
 * built-in `view` role grants in its namespace (answers kept briefly: viewer-access.ts).
 *
 * Within a namespace they may see, whether they may read its workloads is a second question:
 * `list pods` there, what the workload and app pages show (the graph marks nodes they may not
 * read as Kiali's `isInaccessible`, server/graph/mark-inaccessible.ts).
 *
 * A viewer acting with the console's identity (the anonymous strategy, background services)
 * sees every namespace and reads every workload, as before sign-in existed.
 */
import "server-only";
import { TopsailError } from "@/server/errors";
import { viewerAccess } from "./viewer-access";

export interface NamespaceVisibility {
  /** True when nothing is hidden: no need to ask per namespace. */
  readonly everything: boolean;
  canSee(namespace: string): Promise<boolean>;
  /** May the viewer list pods in this namespace (one they may see)? */
  canReadWorkloads(namespace: string): Promise<boolean>;
  /** The items whose namespace the viewer may see, in their order. */
  filter<T>(items: readonly T[], namespaceOf: (item: T) => string): Promise<T[]>;
}

const seeEverything: NamespaceVisibility = {
  everything: true,
  canSee: async () => true,
  canReadWorkloads: async () => true,
  filter: async (items) => [...items],
};

/** The current viewer's visibility (everything for the console's own identity). */
export function viewerVisibility(): NamespaceVisibility {
  const access = viewerAccess();
  if (access.asConsole) return seeEverything;
  const canSee = (namespace: string) =>
    access.may({ verb: "get", group: "", resource: "namespaces", name: namespace, namespace });
  return {
    everything: false,
    canSee,
    canReadWorkloads: (namespace) => access.may({ verb: "list", group: "", resource: "pods", namespace }),
    async filter(items, namespaceOf) {
      const names = [...new Set(items.map(namespaceOf))];
      const allowed = new Set<string>();
      await Promise.all(names.map(async (ns) => (await canSee(ns)) && allowed.add(ns)));
      return items.filter((item) => allowed.has(namespaceOf(item)));
    },
  };
}

/** The error for a namespace the viewer may not see: the same as for one that does not exist. */
export function namespaceNotFound(namespace: string): TopsailError {
  return new TopsailError("not_found", `Namespace "${namespace}" not found`, { details: { namespaces: [namespace] } });
}

/** Throws 404 when the viewer may not see `namespace`, exactly as if it did not exist. */
export async function requireVisibleNamespace(namespace: string): Promise<void> {
  if (!(await viewerVisibility().canSee(namespace))) throw namespaceNotFound(namespace);
}
