/**
 * The virtual clock and its event queue: a binary min-heap of callbacks ordered by time,
 * then by insertion order so events at the same instant run in the order they were
 * scheduled (which keeps runs reproducible). `runUntil(t)` pops and runs every event due
 * at or before `t`; callbacks may schedule more events, including at the current time.
 * Cancelling marks the entry; the heap drops it when it reaches the top (lazy deletion is
 * cheaper than a heap search, and timeouts are mostly cancelled).
 */

export interface Timer {
  cancel(): void;
}

interface Entry {
  time: number;
  seq: number;
  run: () => void;
  cancelled: boolean;
}

export class Scheduler {
  private heap: Entry[] = [];
  private seq = 0;
  private clock = 0;

  get now(): number {
    return this.clock;
  }

  get pending(): number {
    return this.heap.length;
  }

  at(time: number, run: () => void): Timer {
    const entry: Entry = { time: Math.max(time, this.clock), seq: this.seq++, run, cancelled: false };
    this.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  after(delayMs: number, run: () => void): Timer {
    return this.at(this.clock + Math.max(0, delayMs), run);
  }

  /** Runs every event due at or before `time`, then sets the clock to `time`. */
  runUntil(time: number): number {
    let ran = 0;
    for (;;) {
      const top = this.heap[0];
      if (!top || top.time > time) break;
      this.pop();
      if (top.cancelled) continue;
      this.clock = top.time;
      top.run();
      ran++;
    }
    if (time > this.clock) this.clock = time;
    return ran;
  }

  clear(): void {
    this.heap = [];
  }

  private less(a: Entry, b: Entry): boolean {
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry;
      if (!this.less(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.less(heap[r] as Entry, heap[l] as Entry) ? r : l;
      const c = heap[child] as Entry;
      if (!this.less(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
