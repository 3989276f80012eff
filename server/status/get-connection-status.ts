/**
 * Builds the connection status from three probes run in parallel, each bounded by a
 * timeout so a black-holed address cannot hang the page. A failing probe never throws out
 * of here: it becomes `ok: false` with a message that says what is missing and how to fix
 * it, because this is the first thing a new user sees.
 */
import "server-only";
import type { ConnectionStatus } from "@/lib/contracts/status";
import { TopsailError } from "@/server/errors";

export interface KubernetesFacts {
  server: string;
  version: string;
  istio: boolean;
}

export interface PrometheusFacts {
  url: string;
  version: string;
  istioMetrics: boolean;
}

export interface StatusProbes {
  kubernetes: () => Promise<KubernetesFacts>;
  prometheus: () => Promise<PrometheusFacts>;
  database: () => Promise<{ ok: boolean; message?: string }>;
  prometheusUrl: string;
  timeoutMs: number;
}

class ProbeTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`${what} did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const kubeStartHint =
  "Is the cluster running? To try Topsail without one, `npm run sim` starts its simulated cluster; then set KUBECONFIG=.topsail/kubeconfig.";
const prometheusStartHint = "Start Prometheus, or point TOPSAIL_PROMETHEUS_URL at the one that scrapes your mesh.";

async function probeKubernetes(probes: StatusProbes): Promise<ConnectionStatus["kubernetes"]> {
  try {
    const facts = await withTimeout(probes.kubernetes(), probes.timeoutMs, "The Kubernetes API");
    return {
      ok: true,
      server: facts.server,
      version: facts.version,
      istio: facts.istio,
      message: facts.istio
        ? undefined
        : "Istio is not installed in this cluster (no virtualservices.networking.istio.io CRD): install Istio to see traffic and routing.",
    };
  } catch (error) {
    const unreachable =
      error instanceof ProbeTimeout || (error instanceof TopsailError && error.code === "kube_unavailable");
    const hint = unreachable && !messageOf(error).includes("npm run sim") ? ` ${kubeStartHint}` : "";
    return { ok: false, message: `${messageOf(error)}${hint}` };
  }
}

async function probePrometheus(probes: StatusProbes): Promise<ConnectionStatus["prometheus"]> {
  try {
    const facts = await withTimeout(probes.prometheus(), probes.timeoutMs, `Prometheus at ${probes.prometheusUrl}`);
    return {
      ok: true,
      url: facts.url,
      version: facts.version,
      istioMetrics: facts.istioMetrics,
      message: facts.istioMetrics
        ? undefined
        : "Prometheus has no istio_requests_total series yet: check that it scrapes the Istio proxies (or wait for the first traffic).",
    };
  } catch (error) {
    const unreachable =
      error instanceof ProbeTimeout || (error instanceof TopsailError && error.code === "prometheus_unavailable");
    return {
      ok: false,
      url: probes.prometheusUrl,
      message: unreachable ? `${messageOf(error)}. ${prometheusStartHint}` : messageOf(error),
    };
  }
}

async function probeDatabase(probes: StatusProbes): Promise<ConnectionStatus["database"]> {
  try {
    return await withTimeout(probes.database(), probes.timeoutMs, "The database");
  } catch (error) {
    return { ok: false, message: messageOf(error) };
  }
}

export async function getConnectionStatus(probes: StatusProbes): Promise<ConnectionStatus> {
  const [kubernetes, prometheus, database] = await Promise.all([
    probeKubernetes(probes),
    probePrometheus(probes),
    probeDatabase(probes),
  ]);
  return { kubernetes, prometheus, database };
}
