/**
 * Which changes the current viewer may make in a namespace, each defined as the access
 * reviews it needs (a table, one row per button kind), answered as the viewer by the API
 * server (viewer-access.ts). Used by GET /api/auth/permissions and by the experiment rule:
 * an experiment starts only when its starter may make the changes the runner will make.
 */
import "server-only";
import type { PermissionName, Permissions } from "@/lib/contracts/permissions";
import type { ResourceAttributes } from "@/server/adapters/kube";
import { getConfig } from "@/server/config";
import { TopsailError } from "@/server/errors";
import { viewerAccess } from "./viewer-access";

const NETWORKING = "networking.istio.io";
const onIstio = (verb: string) => (namespace: string) => [
  { verb, group: NETWORKING, resource: "virtualservices", namespace },
  { verb, group: NETWORKING, resource: "destinationrules", namespace },
];

const required: Record<PermissionName, (namespace: string) => ResourceAttributes[]> = {
  createIstioConfig: onIstio("create"),
  updateIstioConfig: onIstio("update"),
  deleteIstioConfig: onIstio("delete"),
  setNamespaceInjection: (namespace) => [
    { verb: "patch", group: "", resource: "namespaces", name: namespace, namespace },
  ],
  setWorkloadInjection: (namespace) => [{ verb: "patch", group: "apps", resource: "deployments", namespace }],
  startExperiments: (namespace) => experimentChanges("canary", namespace),
};

export async function getPermissions(namespace: string): Promise<Permissions> {
  const viewOnly = getConfig().viewOnly;
  const access = viewerAccess();
  const entries = await Promise.all(
    (Object.keys(required) as PermissionName[]).map(async (name) => {
      if (viewOnly) return [name, false] as const;
      const answers = await Promise.all(required[name](namespace).map((a) => access.may(a)));
      return [name, answers.every(Boolean)] as const;
    }),
  );
  return { namespace, viewOnly, allowed: Object.fromEntries(entries) as Permissions["allowed"] };
}

const resourceOf = (a: ResourceAttributes) => (a.group ? `${a.resource}.${a.group}` : a.resource);

/**
 * Refuses (403 `forbidden`, naming the user, the verb, the resource and the namespace) when
 * the viewer lacks one of `attributes` — for changes the console makes for them later with
 * its own identity, and for reads it answers from its own cache (namespace-visibility.ts
 * `requireReadable`), where the API server cannot refuse on their behalf.
 */
export async function requireViewerMay(attributes: readonly ResourceAttributes[], what: string): Promise<void> {
  const access = viewerAccess();
  if (access.asConsole) return;
  for (const a of attributes) {
    if (!(await access.may(a)))
      throw new TopsailError(
        "forbidden",
        `User "${access.name}" cannot ${a.verb} resource "${resourceOf(a)}" in namespace "${a.namespace ?? ""}", so ${what}.`,
        { details: { user: access.name, verb: a.verb, resource: resourceOf(a), namespace: a.namespace } },
      );
  }
}

/**
 * What starting an experiment needs of its starter: the changes the runner will make for them
 * (a fault changes the service's VirtualService, a canary its DestinationRule too).
 */
export function experimentChanges(kind: "fault" | "canary", namespace: string): ResourceAttributes[] {
  const vs = { verb: "update", group: NETWORKING, resource: "virtualservices", namespace };
  return kind === "canary" ? [vs, { ...vs, resource: "destinationrules" }] : [vs];
}
