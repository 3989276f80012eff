/**
 * A de-duplicating work queue like client-go's: a key queued many times before it is
 * processed is processed once, and work runs on a later turn of the event loop, never inside
 * the store's watch callback (which may be in the middle of a write).
 */

export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly process: (key: string) => void) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
    this.resolveIdle();
  }

  /** Resolves once the queue has drained (for tests and for boot). */
  whenIdle(): Promise<void> {
    if (this.pending.size === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    // A bounded batch per turn keeps the API server responsive while a big mesh settles.
    let budget = 500;
    while (this.pending.size > 0 && budget-- > 0 && !this.stopped) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      this.process(key);
    }
    if (this.pending.size > 0 && !this.stopped) this.schedule();
    else this.resolveIdle();
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
