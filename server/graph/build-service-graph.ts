/**
 * The service graph: services only, so a call "A → B" is drawn from the service(s) in front
 * of the calling workload to the service it called. A caller that no service fronts (the
 * ingress gateway, a load generator, an unknown peer) stays as its workload node — the
 * graph's roots. A workload behind two services splits its calls evenly between them, so
 * the totals still add up.
 */
import "server-only";
import { serviceNode, sourceNodeOf, type NodeSpec } from "./node-identity";
import { buildTrafficMap, type Endpoints } from "./build-traffic-map";
import type { TrafficMap } from "./traffic-map";
import { UNKNOWN, type DestService, type Peer, type EdgeFigureRow, type TrafficRow } from "./traffic-row";

/**
 * "cluster/namespace/workload", made once per interned peer: the loop below runs per row,
 * and a fresh concatenation is flattened and hashed on every lookup.
 */
function workloadKeys(): (p: Peer) => string {
  const keys = new Map<Peer, string>();
  return (p) => {
    let key = keys.get(p);
    if (key === undefined) keys.set(p, (key = `${p.cluster}/${p.namespace}/${p.workload}`));
    return key;
  };
}

/** Service node specs memoized per interned service and cluster (each is a hash to compute). */
function serviceNodes(): (service: DestService, cluster: string) => NodeSpec {
  const specs = new Map<DestService, Map<string, NodeSpec>>();
  return (service, cluster) => {
    let byCluster = specs.get(service);
    if (!byCluster) specs.set(service, (byCluster = new Map()));
    let spec = byCluster.get(cluster);
    if (!spec) byCluster.set(cluster, (spec = serviceNode(service, cluster)));
    return spec;
  };
}

export function buildServiceGraph(
  rows: readonly TrafficRow[],
  responseTimes: readonly EdgeFigureRow[],
  throughputs: readonly EdgeFigureRow[] = [],
): TrafficMap {
  const workloadKey = workloadKeys();
  const serviceNodeOf = serviceNodes();
  // Which services front each workload, as the traffic shows (what callers addressed).
  const fronting = new Map<string, Map<string, DestService & { cluster: string }>>();
  for (const row of rows) {
    if (row.dest.workload === UNKNOWN || row.destService.host === UNKNOWN) continue;
    const key = workloadKey(row.dest);
    let services = fronting.get(key);
    if (!services) fronting.set(key, (services = new Map()));
    services.set(row.destService.host, { ...row.destService, cluster: row.dest.cluster });
  }
  const endpointsOf = (row: TrafficRow): Endpoints[] => {
    const destCluster = row.dest.cluster === UNKNOWN ? row.source.cluster : row.dest.cluster;
    const dest =
      row.destService.host === UNKNOWN
        ? sourceNodeOf(row.dest, "workload")
        : serviceNodeOf(row.destService, destCluster);
    const callers = row.source.workload === UNKNOWN ? undefined : fronting.get(workloadKey(row.source));
    if (!callers || callers.size === 0) return [{ source: sourceNodeOf(row.source, "service"), dest, share: 1 }];
    const share = 1 / callers.size;
    return [...callers.values()].map((s) => ({ source: serviceNode(s, s.cluster), dest, share }));
  };
  return buildTrafficMap(rows, responseTimes, endpointsOf, throughputs);
}
