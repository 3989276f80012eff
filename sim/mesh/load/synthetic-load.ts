/**
 * Traffic into the synthetic mesh of `--scale N`: Poisson arrivals from outside at the
 * synthetic entry services — services whose pods declare callees (annotation
 * `sim.topsail.dev/calls`) and that no other synthetic service calls; downstream hops
 * follow the annotations.
 *
 * The knob is the total: `requestsPerSecond` per synthetic service, so ~1,000 requests/s
 * over all hops at N = 1000 by default. A generated call graph fans out (each request to an
 * entry service becomes dozens of hops), so the arrival rate at the entries is the target
 * divided by the expected hops per arrival, computed over the call graph (mean over each
 * service's pods, which round robin shares evenly). Each entry service gets an equal share
 * of the hops, so an entry whose tree is wide gets fewer arrivals: that keeps the total
 * steady instead of swinging with every arrival at a wide tree.
 */
import { resolveDnsName } from "@/lib/istio/routing/hosts";
import type { ConfigSnapshot, ServiceInfo } from "@/lib/istio/routing/snapshot";
import { CALLS_ANNOTATION, parseCallsAnnotation } from "../behaviour/synthetic-calls";
import type { EntryPointLoad } from "./load-settings";
import type { GeneratorContext, LoadGenerator } from "./generator";
import { PoissonSource } from "./poisson-source";

export function syntheticEntryServices(snapshot: ConfigSnapshot): ServiceInfo[] {
  return syntheticServices(snapshot).entries;
}

function syntheticServices(snapshot: ConfigSnapshot): { entries: ServiceInfo[]; synthetic: number } {
  const synthetic: ServiceInfo[] = [];
  const called = new Set<string>();
  for (const service of snapshot.services.values()) {
    const annotated = service.pods.filter(
      (p) => (p.workloadAnnotations[CALLS_ANNOTATION] ?? p.annotations[CALLS_ANNOTATION]) !== undefined,
    );
    if (annotated.length === 0) continue;
    synthetic.push(service);
    for (const pod of annotated)
      for (const call of callsOf(pod)) called.add(resolveDnsName(call.service, pod.namespace));
  }
  const entries = synthetic.filter((s) => !called.has(s.fqdn));
  // A mesh where everything is called by something (a cycle) still needs a way in.
  return { entries: entries.length > 0 ? entries : synthetic, synthetic: synthetic.length };
}

function callsOf(pod: ConfigSnapshot["pods"][number]) {
  return parseCallsAnnotation(pod.workloadAnnotations[CALLS_ANNOTATION] ?? pod.annotations[CALLS_ANNOTATION]);
}

/** Expected requests (hops) one arrival at each of `entries` causes. */
export function expectedHops(snapshot: ConfigSnapshot, entries: readonly ServiceInfo[]): number[] {
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const hops = (fqdn: string): number => {
    const known = memo.get(fqdn);
    if (known !== undefined) return known;
    const service = snapshot.services.get(fqdn);
    if (!service || service.pods.length === 0 || visiting.has(fqdn)) return 1;
    visiting.add(fqdn);
    let downstream = 0;
    for (const pod of service.pods)
      for (const call of callsOf(pod)) downstream += hops(resolveDnsName(call.service, pod.namespace));
    visiting.delete(fqdn);
    const total = 1 + downstream / service.pods.length;
    memo.set(fqdn, total);
    return total;
  };
  return entries.map((e) => hops(e.fqdn));
}

export class SyntheticLoad implements LoadGenerator {
  private readonly source: PoissonSource;
  private perService = 0;
  private entries: ServiceInfo[] = [];
  /** Cumulative arrival weights (1/hops), for picking an entry in proportion. */
  private cumulative: number[] = [];
  private entriesVersion = -1;

  constructor(private readonly g: GeneratorContext) {
    this.source = new PoissonSource(g.ctx.scheduler, g.ctx.rng, () => this.arrive());
  }

  apply(load: EntryPointLoad): void {
    this.perService = load.requestsPerSecond;
    this.refresh(true);
  }

  stop(): void {
    this.source.stop();
  }

  tick(): void {
    this.refresh();
  }

  /** Entry services change with the mesh; the total rate follows them. */
  refresh(force = false): void {
    const snapshot = this.g.ctx.snapshot();
    if (!force && snapshot.version === this.entriesVersion) return;
    this.entriesVersion = snapshot.version;
    const { entries, synthetic } = syntheticServices(snapshot);
    this.entries = entries;
    let total = 0;
    this.cumulative = expectedHops(snapshot, entries).map((h) => (total += 1 / h));
    // Each entry's arrivals: its share of the target over its hops per arrival.
    this.source.setRate(entries.length === 0 ? 0 : ((this.perService * synthetic) / entries.length) * total);
  }

  private arrive(): void {
    this.refresh();
    if (this.g.isPaused() || this.entries.length === 0) return;
    const { ctx } = this.g;
    const r = ctx.rng.next() * (this.cumulative[this.cumulative.length - 1] ?? 0);
    const service =
      this.entries[
        Math.max(
          0,
          this.cumulative.findIndex((c) => r < c),
        )
      ];
    if (!service) return;
    ctx.sendHttp(
      {},
      { host: service.fqdn, port: service.ports[0]?.port ?? 80, method: "GET", path: "/", headers: {} },
      () => undefined,
    );
  }
}
