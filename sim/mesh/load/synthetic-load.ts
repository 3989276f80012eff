/**
 * Traffic into the synthetic mesh of `--scale N`: Poisson arrivals from outside at each
 * synthetic entry service — a service whose pods declare callees (annotation
 * `sim.topsail.dev/calls`) and that no other synthetic service calls. The rate is per
 * entry service, so the total grows with the mesh; downstream hops follow the annotations.
 */
import { resolveDnsName } from "../config/hosts";
import type { ConfigSnapshot, ServiceInfo } from "../config/snapshot";
import { CALLS_ANNOTATION, parseCallsAnnotation } from "../behaviour/synthetic-calls";
import type { EntryPointLoad } from "./load-settings";
import type { GeneratorContext, LoadGenerator } from "./generator";
import { PoissonSource } from "./poisson-source";

export function syntheticEntryServices(snapshot: ConfigSnapshot): ServiceInfo[] {
  const synthetic: ServiceInfo[] = [];
  const called = new Set<string>();
  for (const service of snapshot.services.values()) {
    const annotated = service.pods.filter((p) => (p.workloadAnnotations[CALLS_ANNOTATION] ?? p.annotations[CALLS_ANNOTATION]) !== undefined);
    if (annotated.length === 0) continue;
    synthetic.push(service);
    for (const pod of annotated) {
      for (const call of parseCallsAnnotation(pod.workloadAnnotations[CALLS_ANNOTATION] ?? pod.annotations[CALLS_ANNOTATION])) called.add(resolveDnsName(call.service, pod.namespace));
    }
  }
  const entries = synthetic.filter((s) => !called.has(s.fqdn));
  // A mesh where everything is called by something (a cycle) still needs a way in.
  return entries.length > 0 ? entries : synthetic;
}

export class SyntheticLoad implements LoadGenerator {
  private readonly source: PoissonSource;
  private perEntry = 0;
  private entries: ServiceInfo[] = [];
  private entriesVersion = -1;

  constructor(private readonly g: GeneratorContext) {
    this.source = new PoissonSource(g.ctx.scheduler, g.ctx.rng, () => this.arrive());
  }

  apply(load: EntryPointLoad): void {
    this.perEntry = load.requestsPerSecond;
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
    this.entries = syntheticEntryServices(snapshot);
    this.source.setRate(this.perEntry * this.entries.length);
  }

  private arrive(): void {
    this.refresh();
    if (this.g.isPaused() || this.entries.length === 0) return;
    const { ctx } = this.g;
    const service = this.entries[ctx.rng.int(this.entries.length)];
    if (!service) return;
    ctx.sendHttp({}, { host: service.fqdn, port: service.ports[0]?.port ?? 80, method: "GET", path: "/", headers: {} }, () => undefined);
  }
}
