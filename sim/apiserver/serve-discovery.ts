/**
 * Discovery documents built from the resource registry: the legacy forms (APIVersions,
 * APIGroupList, APIGroup, APIResourceList) and the aggregated apidiscovery.k8s.io/v2 form
 * that client-go asks for first and that saves kubectl one request per group version.
 */
import { RESOURCES, type ResourceDef } from "../store/resource-registry";

interface GroupInfo {
  name: string;
  versions: string[];
}

function groupsInOrder(): GroupInfo[] {
  const groups = new Map<string, GroupInfo>();
  for (const def of RESOURCES) {
    const info = groups.get(def.group) ?? { name: def.group, versions: [] };
    for (const v of def.versions) if (!info.versions.includes(v)) info.versions.push(v);
    groups.set(def.group, info);
  }
  return [...groups.values()];
}

function groupVersion(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}

function legacyGroup(info: GroupInfo): Record<string, unknown> {
  const versions = info.versions.map((v) => ({ groupVersion: groupVersion(info.name, v), version: v }));
  return { name: info.name, versions, preferredVersion: versions[0] };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

export function apiGroupList(): Record<string, unknown> {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: groupsInOrder()
      .filter((g) => g.name !== "")
      .map(legacyGroup),
  };
}

export function apiGroup(group: string): Record<string, unknown> | undefined {
  const info = groupsInOrder().find((g) => g.name === group && group !== "");
  return info ? { kind: "APIGroup", apiVersion: "v1", ...legacyGroup(info) } : undefined;
}

interface Subresource {
  name: string;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
}

const SUB_VERBS = ["get", "patch", "update"];

function subresourcesOf(def: ResourceDef): Subresource[] {
  const subs: Subresource[] = [];
  if (def.hasStatus) subs.push({ name: "status", kind: def.kind, verbs: SUB_VERBS });
  if (def.hasScale) subs.push({ name: "scale", group: "autoscaling", version: "v1", kind: "Scale", verbs: SUB_VERBS });
  return subs;
}

function resourcesAt(group: string, version: string): ResourceDef[] {
  return RESOURCES.filter((r) => r.group === group && r.versions.includes(version));
}

export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const defs = resourcesAt(group, version);
  if (defs.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const def of defs) {
    resources.push({
      name: def.resource,
      singularName: def.singularName,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: def.verbs,
      ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
      ...(def.categories.length > 0 ? { categories: def.categories } : {}),
    });
    for (const sub of subresourcesOf(def)) {
      resources.push({
        name: `${def.resource}/${sub.name}`,
        singularName: "",
        namespaced: def.namespaced,
        ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
        kind: sub.kind,
        verbs: sub.verbs,
      });
    }
  }
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion: groupVersion(group, version), resources };
}

function aggregatedResource(def: ResourceDef, version: string): Record<string, unknown> {
  return {
    resource: def.resource,
    responseKind: { group: def.group, version, kind: def.kind },
    scope: def.namespaced ? "Namespaced" : "Cluster",
    singularResource: def.singularName,
    verbs: def.verbs,
    ...(def.shortNames.length > 0 ? { shortNames: def.shortNames } : {}),
    ...(def.categories.length > 0 ? { categories: def.categories } : {}),
    ...(subresourcesOf(def).length > 0
      ? {
          subresources: subresourcesOf(def).map((s) => ({
            subresource: s.name,
            responseKind: { group: s.group ?? def.group, version: s.version ?? version, kind: s.kind },
            verbs: s.verbs,
          })),
        }
      : {}),
  };
}

/** `/api` (core only) or `/apis` (every other group) in the aggregated v2 form. */
export function aggregatedDiscovery(legacyCore: boolean): Record<string, unknown> {
  const groups = groupsInOrder().filter((g) => (legacyCore ? g.name === "" : g.name !== ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: "apidiscovery.k8s.io/v2",
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.name === "" ? {} : { name: g.name },
      versions: g.versions.map((v) => ({
        version: v,
        resources: resourcesAt(g.name, v).map((d) => aggregatedResource(d, v)),
        freshness: "Current",
      })),
    })),
  };
}
