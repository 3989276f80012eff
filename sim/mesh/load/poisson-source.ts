/**
 * An open-loop Poisson arrival process on the virtual clock: the next arrival is an
 * exponential wait away. Arrivals do not wait for earlier requests to finish, like users
 * of a web site. A rate change takes effect at once (the process is memoryless, so
 * redrawing the pending wait is exact).
 */
import type { Rng } from "../engine/rng";
import type { Scheduler, Timer } from "../engine/scheduler";
import type { GeneratorContext, LoadGenerator } from "./generator";
import type { EntryPointLoad } from "./load-settings";

export class PoissonSource {
  private timer: Timer | undefined;
  private rate = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly rng: Rng,
    private readonly onArrival: () => void,
  ) {}

  setRate(perSecond: number): void {
    if (perSecond === this.rate && this.timer) return;
    this.rate = perSecond;
    this.timer?.cancel();
    this.timer = undefined;
    this.scheduleNext();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.rate = 0;
  }

  private scheduleNext(): void {
    if (this.rate <= 0) return;
    this.timer = this.scheduler.after(this.rng.exponential(this.rate / 1000), () => {
      this.scheduleNext();
      this.onArrival();
    });
  }
}

/**
 * An entry point whose arrivals are a PoissonSource at the load's rate (Bookinfo's users,
 * the tcp-echo client, the gRPC echo client): a subclass says only what one arrival sends,
 * given the load in force. Nothing arrives while the traffic is paused.
 */
export abstract class PoissonLoad implements LoadGenerator {
  private readonly source: PoissonSource;
  private load: EntryPointLoad | undefined;

  constructor(protected readonly g: GeneratorContext) {
    this.source = new PoissonSource(g.ctx.scheduler, g.ctx.rng, () => {
      if (!this.g.isPaused() && this.load) this.arrive(this.load);
    });
  }

  apply(load: EntryPointLoad): void {
    this.load = load;
    this.source.setRate(load.requestsPerSecond);
  }

  stop(): void {
    this.source.stop();
  }

  protected abstract arrive(load: EntryPointLoad): void;
}
