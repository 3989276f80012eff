/**
 * The experiments module wired to the console's database, cluster and Prometheus: the
 * functions the API routes call and the process's one runner (a background service).
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, readClusterId, requireSameCluster } from "@/server/adapters/kube";
import { getIstioObject, listIstioObjects } from "@/server/adapters/kube/istio-objects";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { getConfig } from "@/server/config";
import {
  requireReadable,
  requireVisibleNamespace,
  SERVICES,
  viewerVisibility,
} from "@/server/auth/namespace-visibility";
import { experimentChanges, requireViewerMay } from "@/server/auth/permissions";
import { actorOfViewer, assertChangesAllowed } from "@/server/auth/viewer-connection";
import { TopsailError } from "@/server/errors";
import { actorOf, createIstioWriteDeps } from "@/server/istio-config";
import { applyIstioChanges, type IstioWriteDeps } from "@/server/istio-config/apply-istio-changes";
import type { ExperimentCommand, ExperimentSpec } from "@/lib/contracts/experiments";
import type { ClusterReads } from "./create-experiment";
import type { ExperimentWriter } from "./experiment-writer";
import type { ExperimentRecord } from "./machine-types";
import { countExperimentsByPhase } from "./experiment-store";
import { createExperimentRunner, type ExperimentRunner } from "./runner";
import { getExperiment, listExperiments, sendExperimentCommand, startExperiment } from "./experiment-service";
import type { KubeConnection } from "@/server/adapters/kube";

export function createClusterReads(connection: () => KubeConnection): ClusterReads {
  return {
    async cluster() {
      const c = connection();
      return { clusterId: await readClusterId(c), kubeContext: c.context };
    },
    listServices: (namespace) => listServices(connection(), namespace),
    listWorkloads: (namespace) => listWorkloads(connection(), namespace),
    listDestinationRules: (namespace) => listIstioObjects(connection(), "DestinationRule", namespace),
    listVirtualServices: (namespace) => listIstioObjects(connection(), "VirtualService", namespace),
  };
}

/** The audited write path as the runner uses it; `deps` lets tests record audits elsewhere. */
export function createExperimentWriter(
  connection: () => KubeConnection,
  depsFor = (c: KubeConnection) => createIstioWriteDeps(c),
): ExperimentWriter {
  return {
    listVirtualServices: (namespace) => listIstioObjects(connection(), "VirtualService", namespace),
    getVirtualService: (namespace, name) => getIstioObject(connection(), { kind: "VirtualService", namespace, name }),
    async apply(changes, comment) {
      const c = connection();
      const outcomes = await applyIstioChanges(depsFor(c), {
        changes,
        actor: actorOf(c),
        source: "experiment",
        comment,
      });
      return {
        auditIds: outcomes.flatMap((o) => (o.auditId ? [o.auditId] : [])),
        actions: outcomes.map((o) => o.action),
      };
    },
  };
}

/**
 * The writer one experiment acts through: the kubeconfig context it was created on (not the
 * console's current one), and only while that context still reaches the cluster recorded
 * with it — a context someone repointed must not receive a revert meant for another cluster
 * (docs/ARCHITECTURE.md "Identity"). Older rows without a context use the console's.
 */
export function experimentWriterFor(
  connectionOf: (context: string | undefined) => KubeConnection = getKubeConnection,
  depsFor?: (c: KubeConnection) => IstioWriteDeps,
) {
  return async (record: ExperimentRecord): Promise<ExperimentWriter> => {
    const connection = connectionOf(record.kubeContext ?? undefined);
    await requireSameCluster(connection, record.clusterId, `Experiment ${record.id}`);
    return createExperimentWriter(() => connection, depsFor);
  };
}

// On globalThis so a dev reload of this module does not start a second runner.
const globals = globalThis as typeof globalThis & { __topsailExperimentRunner?: ExperimentRunner };

/**
 * The audited write path whose cluster writes first ask `isLeader()`: a runner that lost the
 * election (server/background/leader-election.ts) is refused the write, even mid-tick.
 */
export function fencedWriteDeps(isLeader: () => boolean): (c: KubeConnection) => IstioWriteDeps {
  const fence = () => {
    if (!isLeader()) {
      throw new TopsailError(
        "conflict",
        "This console no longer leads the background work (its Lease expired); another replica's runner carries on.",
      );
    }
  };
  return (c) => {
    const deps = createIstioWriteDeps(c);
    return {
      ...deps,
      create: (object, options) =>
        options.dryRun ? deps.create(object, options) : (fence(), deps.create(object, options)),
      replace: (object, options) =>
        options.dryRun ? deps.replace(object, options) : (fence(), deps.replace(object, options)),
      remove: (ref, options) => (options.dryRun ? deps.remove(ref, options) : (fence(), deps.remove(ref, options))),
    };
  };
}

/**
 * The process's runner, created by the background service (server/background/services.ts)
 * with the election's fence; the connection is read lazily so a console without a cluster
 * still starts.
 */
export function getExperimentRunner(options: { fence?: () => boolean } = {}): ExperimentRunner {
  globals.__topsailExperimentRunner ??= createExperimentRunner({
    db: getDb(),
    writerFor: experimentWriterFor(getKubeConnection, options.fence ? fencedWriteDeps(options.fence) : undefined),
    queryPrometheus: (promql, time) => getPrometheusClient().query(promql, time),
    tickMs: getConfig().experiments.tickMs,
  });
  return globals.__topsailExperimentRunner;
}

/** Asks the runner to tick now, if this process runs one (it does only while it leads, with background work on). */
function kickRunner(): void {
  globals.__topsailExperimentRunner?.kick();
}

export const countExperimentsByPhaseLive = () => countExperimentsByPhase(getDb());

/**
 * Starting an experiment: the runner will make its changes later with the console's own
 * identity (README), so the API server cannot refuse them for the starter — they are checked
 * here instead, as the starter, when it starts: may they make those changes themselves?
 */
export async function startExperimentLive(spec: ExperimentSpec) {
  assertChangesAllowed();
  await requireVisibleNamespace(spec.namespace);
  await requireViewerMay(
    experimentChanges(spec.kind, spec.namespace),
    `they cannot start an experiment on ${spec.service}.${spec.namespace}`,
  );
  const { actor, actorGroups } = actorOfViewer(getKubeConnection());
  return startExperiment(
    {
      db: getDb(),
      reads: createClusterReads(getKubeConnection),
      actor: { name: actor, groups: actorGroups },
      kick: kickRunner,
    },
    spec,
  );
}

/**
 * Experiments of namespaces the viewer may not see are left out, and answer 404 alone (the same
 * as one that does not exist). In one they may see, an experiment shows its service's traffic
 * (its gates' success rate and latency), which is what the service's page shows: without
 * `list services` there it is left out of the list, and refused alone with the page's 403
 * (issue 16's rule, server/auth/namespace-visibility.ts).
 */
export async function listExperimentsLive(filter: { namespace?: string; service?: string }) {
  const list = await listExperiments(getDb(), filter);
  const items = await viewerVisibility().filterReadable(
    list.items,
    (e) => e.namespace,
    () => SERVICES,
  );
  return { ...list, items };
}

async function visibleExperiment(id: string) {
  const detail = await getExperiment(getDb(), id);
  if (!(await viewerVisibility().canSee(detail.namespace))) throw new TopsailError("not_found", `No experiment ${id}.`);
  await requireReadable(detail.namespace, SERVICES);
  return detail;
}

export const getExperimentLive = (id: string) => visibleExperiment(id);

/** A command changes what the runner does next: it needs what starting the experiment needed. */
export async function sendExperimentCommandLive(id: string, command: ExperimentCommand) {
  assertChangesAllowed();
  const detail = await visibleExperiment(id);
  await requireViewerMay(
    experimentChanges(detail.kind, detail.namespace),
    `they cannot ${command} experiment ${id} on ${detail.service}.${detail.namespace}`,
  );
  return sendExperimentCommand({ db: getDb(), kick: kickRunner }, id, command);
}
