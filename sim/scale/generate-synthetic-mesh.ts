/**
 * A large, plausible mesh for load tests and graph benchmarks. Services are laid out in
 * index order and only call services with a higher index, so the call graph is acyclic like
 * a tiered system (a few entry services fan out to mid-tier and leaf services). Most calls
 * stay in the caller's namespace; about one in five crosses to another. Older versions
 * sometimes skip their last call, as Bookinfo's reviews-v1 does not call ratings.
 */
import type { KubeObject } from "../store/types";
import { seededRandom } from "../controllers/hashing";

export const SERVICES_PER_NAMESPACE = 50;
export const CALLS_ANNOTATION = "sim.topsail.dev/calls";
const PORT = 8080;
const IMAGE = "ghcr.io/topsail/synthetic-service:1.0";

interface ServiceSpec {
  name: string;
  namespace: string;
  versions: string[];
  calls: string[];
}

function namespaceName(i: number): string {
  return `mesh-${String(i).padStart(3, "0")}`;
}

function serviceName(i: number): string {
  return `svc-${String(i).padStart(4, "0")}`;
}

function planServices(count: number, random: () => number): ServiceSpec[] {
  const specs: ServiceSpec[] = [];
  for (let i = 0; i < count; i++) {
    const versionCount = 1 + Math.floor(random() * 3);
    specs.push({
      name: serviceName(i),
      namespace: namespaceName(Math.floor(i / SERVICES_PER_NAMESPACE)),
      versions: Array.from({ length: versionCount }, (_, v) => `v${v + 1}`),
      calls: [],
    });
  }
  const namespaces = Math.ceil(count / SERVICES_PER_NAMESPACE);
  for (let i = 0; i < count; i++) {
    const caller = specs[i] as ServiceSpec;
    // Leaves (about the last third of each namespace) call nothing.
    const position = i % SERVICES_PER_NAMESPACE;
    if (position > SERVICES_PER_NAMESPACE * 0.66 || i === count - 1) continue;
    const fanOut = 1 + Math.floor(random() * 3);
    const chosen = new Set<number>();
    for (let c = 0; c < fanOut * 3 && chosen.size < fanOut; c++) {
      const crossNamespace = namespaces > 1 && random() < 0.2;
      const base = crossNamespace ? Math.floor(random() * namespaces) * SERVICES_PER_NAMESPACE : i - position;
      const target = Math.max(i + 1, base) + Math.floor(random() * SERVICES_PER_NAMESPACE);
      if (target > i && target < count) chosen.add(target);
    }
    caller.calls = [...chosen]
      .sort((a, b) => a - b)
      .map((t) => `${(specs[t] as ServiceSpec).name}.${(specs[t] as ServiceSpec).namespace}`);
  }
  return specs;
}

function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "istio-injection": "enabled" } } };
}

function serviceObjects(spec: ServiceSpec, random: () => number): KubeObject[] {
  const labels = { app: spec.name, service: spec.name };
  const objects: KubeObject[] = [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: spec.name, namespace: spec.namespace, labels },
      spec: { selector: { app: spec.name }, ports: [{ name: "http", port: PORT, targetPort: PORT }] },
    },
  ];
  spec.versions.forEach((version, v) => {
    const isOlder = v < spec.versions.length - 1;
    const calls = isOlder && spec.calls.length > 1 && random() < 0.3 ? spec.calls.slice(0, -1) : spec.calls;
    const podLabels = { app: spec.name, version };
    objects.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: `${spec.name}-${version}`,
        namespace: spec.namespace,
        labels: podLabels,
        annotations: { [CALLS_ANNOTATION]: calls.join(",") },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: podLabels },
        template: {
          metadata: { labels: podLabels },
          spec: { containers: [{ name: spec.name, image: IMAGE, ports: [{ containerPort: PORT }] }] },
        },
      },
    });
  });
  objects.push({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: spec.name, namespace: spec.namespace },
    spec: { host: spec.name, subsets: spec.versions.map((version) => ({ name: version, labels: { version } })) },
  });
  return objects;
}

/** Namespaces first, then each service's Service, Deployments and DestinationRule. */
export function generateSyntheticMesh(services: number, seed: number): KubeObject[] {
  const count = Math.max(0, Math.floor(services));
  const random = seededRandom(seed);
  const specs = planServices(count, random);
  const namespaces = [...new Set(specs.map((s) => s.namespace))];
  return [...namespaces.map(namespaceObject), ...specs.flatMap((s) => serviceObjects(s, random))];
}
