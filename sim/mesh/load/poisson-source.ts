/**
 * An open-loop Poisson arrival process on the virtual clock: the next arrival is an
 * exponential wait away. Arrivals do not wait for earlier requests to finish, like users
 * of a web site. A rate change takes effect at once (the process is memoryless, so
 * redrawing the pending wait is exact).
 */
import type { Rng } from "../engine/rng";
import type { Scheduler, Timer } from "../engine/scheduler";

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
