/**
 * Which namespaces the current viewer may see, and what they may read in them. The console
 * reads the whole cluster through one cache under its own identity; what a person is shown is
 * filtered here, namespace by namespace, by asking the API server as that person (answers
 * kept briefly: viewer-access.ts):
 *
 * - whether they may `get` the namespace — the check Kiali makes (it fetches each namespace
 *   with the user's client) and the one the built-in `view` role grants in its namespace. A
 *   namespace they may not see is answered 404, as if it did not exist;
 * - within one they may see, whether they may `list` the kind of object a read shows: pods for
 *   workloads and applications (and their metrics, traffic and traces), services for services,
 *   the Istio kind for Istio config — what `kubectl get` would need. A refused read answers
 *   403 naming the viewer, the verb, the resource and the namespace (`requireReadable`), as
 *   the API server answers kubectl; lists over several namespaces leave out or mark what the
 *   viewer may not read (`filterReadable`; the graph marks nodes as Kiali's `isInaccessible`,
 *   server/graph/mark-inaccessible.ts).
 *
 * A viewer acting with the console's identity (the anonymous strategy, background services)
 * sees every namespace and reads everything, as before sign-in existed, and nothing is asked.
 */
import "server-only";
import type { InventoryKind } from "@/lib/contracts/inventory";
import { resolveIstioKind } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";
import { requireViewerMay } from "./permissions";
import { viewerAccess } from "./viewer-access";

/** A kind of object as RBAC names it ("" for the core group): a read showing such objects needs `list` on it. */
export interface ReadableResource {
  readonly group: string;
  readonly resource: string;
}

export const PODS: ReadableResource = { group: "", resource: "pods" };
export const SERVICES: ReadableResource = { group: "", resource: "services" };

/**
 * What each inventory page shows, as the smallest permission that lets kubectl show the same:
 * an application is its workloads' pods, a service is the Service (its workloads are asked
 * about by the pages that list them).
 */
export const INVENTORY_RESOURCES: Record<InventoryKind, ReadableResource> = {
  applications: PODS,
  workloads: PODS,
  services: SERVICES,
};

/** An Istio kind as RBAC names it (kind, plural or short name; the contracts refuse any other before here). */
export function istioResourceOf(kind: string): ReadableResource {
  const info = resolveIstioKind(kind);
  if (!info) throw new TopsailError("internal", `"${kind}" is not an Istio kind.`);
  return { group: info.group, resource: info.plural };
}

const DEPLOYMENTS: ReadableResource = { group: "apps", resource: "deployments" };

/**
 * What a recorded change (an audit entry, a change marker) shows is its object
 * (server/audit/audited-kinds.ts): Istio config needs `list` on its kind, a Deployment's
 * injection setting `list deployments`. A Namespace's injection setting needs nothing beyond
 * seeing the namespace: null. Undefined for a kind no rule here names, which a signed-in
 * viewer is not shown rather than failing the whole list.
 */
export function recordedObjectResource(kind: string): ReadableResource | null | undefined {
  if (kind === "Namespace") return null;
  if (kind === "Deployment") return DEPLOYMENTS;
  return resolveIstioKind(kind) ? istioResourceOf(kind) : undefined;
}

export interface NamespaceVisibility {
  /** True when nothing is hidden: no need to ask per namespace. */
  readonly everything: boolean;
  canSee(namespace: string): Promise<boolean>;
  /** May the viewer `list` `resource` in this namespace (one they may see)? */
  canRead(namespace: string, resource: ReadableResource): Promise<boolean>;
  /** The items whose namespace the viewer may see, in their order. */
  filter<T>(items: readonly T[], namespaceOf: (item: T) => string): Promise<T[]>;
  /** The items whose namespace the viewer may see and whose `resource` they may list there, in their order. */
  filterReadable<T>(
    items: readonly T[],
    namespaceOf: (item: T) => string,
    resource: (item: T) => ReadableResource,
  ): Promise<T[]>;
}

const seeEverything: NamespaceVisibility = {
  everything: true,
  canSee: async () => true,
  canRead: async () => true,
  filter: async (items) => [...items],
  filterReadable: async (items) => [...items],
};

/** Keeps the items `allowed` says yes to, asking once per distinct key, all at once. */
async function keepAllowed<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  allowed: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const firstByKey = new Map<string, T>();
  for (const item of items) if (!firstByKey.has(keyOf(item))) firstByKey.set(keyOf(item), item);
  const yes = new Set<string>();
  await Promise.all([...firstByKey].map(async ([key, item]) => (await allowed(item)) && yes.add(key)));
  return items.filter((item) => yes.has(keyOf(item)));
}

const listOn = (namespace: string, { group, resource }: ReadableResource) => ({
  verb: "list",
  group,
  resource,
  namespace,
});

/** The current viewer's visibility (everything for the console's own identity). */
export function viewerVisibility(): NamespaceVisibility {
  const access = viewerAccess();
  if (access.asConsole) return seeEverything;
  const canSee = (namespace: string) =>
    access.may({ verb: "get", group: "", resource: "namespaces", name: namespace, namespace });
  const canRead = (namespace: string, resource: ReadableResource) => access.may(listOn(namespace, resource));
  return {
    everything: false,
    canSee,
    canRead,
    filter: (items, namespaceOf) => keepAllowed(items, namespaceOf, (item) => canSee(namespaceOf(item))),
    filterReadable: (items, namespaceOf, resource) =>
      keepAllowed(
        items,
        (item) => JSON.stringify([namespaceOf(item), resource(item)]),
        async (item) => (await canSee(namespaceOf(item))) && (await canRead(namespaceOf(item), resource(item))),
      ),
  };
}

/**
 * The items whose recorded object (`recordedObjectResource` of its kind) the viewer may see
 * where it lives, in their order.
 */
export async function filterRecorded<T>(
  visibility: NamespaceVisibility,
  items: readonly T[],
  namespaceOf: (item: T) => string,
  kindOf: (item: T) => string,
): Promise<T[]> {
  if (visibility.everything) return [...items];
  const asked = items.flatMap((item) => {
    const resource = recordedObjectResource(kindOf(item));
    return resource === undefined ? [] : [{ item, resource }];
  });
  const namespaceWide = asked.filter((a) => a.resource === null).map((a) => a.item);
  const perKind = asked.flatMap((a) => (a.resource ? [{ item: a.item, resource: a.resource }] : []));
  const readable = new Set([
    ...(await visibility.filter(namespaceWide, namespaceOf)),
    ...(
      await visibility.filterReadable(
        perKind,
        (a) => namespaceOf(a.item),
        (a) => a.resource,
      )
    ).map((a) => a.item),
  ]);
  return items.filter((item) => readable.has(item));
}

/** The error for a namespace the viewer may not see: the same as for one that does not exist. */
export function namespaceNotFound(namespace: string): TopsailError {
  return new TopsailError("not_found", `Namespace "${namespace}" not found`, { details: { namespaces: [namespace] } });
}

/** Throws 404 when the viewer may not see `namespace`, exactly as if it did not exist. */
export async function requireVisibleNamespace(namespace: string): Promise<void> {
  if (!(await viewerVisibility().canSee(namespace))) throw namespaceNotFound(namespace);
}

/**
 * Throws 404 when the viewer may not see `namespace`, and 403 `forbidden` naming them, `list`,
 * the resource and the namespace (the refused write's message, permissions.ts) when they may
 * see it but not list `resource` there — what the API server would answer their kubectl.
 */
export async function requireReadable(namespace: string, resource: ReadableResource): Promise<void> {
  await requireVisibleNamespace(namespace);
  await requireViewerMay([listOn(namespace, resource)], "the console does not show them either");
}
