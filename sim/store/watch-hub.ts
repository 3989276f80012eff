/**
 * Watch fan-out with a bounded history. Every change is appended to a ring of the last N
 * events; a watch that resumes from a resourceVersion still in the ring gets the missed
 * events replayed, an older one gets 410 Expired (and the client relists), as with etcd
 * compaction. Delivery goes through a queue so a subscriber that writes to the store from
 * its callback (a controller) cannot make other subscribers see events out of order.
 */
import type { ResourceDef } from "./resource-registry";
import type { KubeObject, WatchEvent } from "./types";

/**
 * A change as the hub keeps it: a MODIFIED event also carries the object it
 * replaced, so selector watches can tell an object leaving their selection.
 */
export interface StoredEvent extends WatchEvent {
  previous?: KubeObject;
}
import { expired } from "../apiserver/status-error";

interface Entry {
  revision: number;
  resourceKey: string;
  namespace: string | undefined;
  event: StoredEvent;
}

interface Subscriber {
  namespace: string | undefined;
  onEvent: (event: StoredEvent, revision: number) => void;
}

function keyOf(def: Pick<ResourceDef, "group" | "resource">): string {
  return `${def.group}/${def.resource}`;
}

export class WatchHub {
  private readonly ring: (Entry | undefined)[];
  private next = 0;
  private size = 0;
  /** Events at or below this revision may be gone from the ring. */
  private compacted = 0;
  private readonly queue: Entry[] = [];
  private dispatching = false;
  private readonly subscribers = new Map<string, Set<Subscriber>>();

  constructor(private readonly capacity: number) {
    this.ring = new Array<Entry | undefined>(capacity);
  }

  publish(def: Pick<ResourceDef, "group" | "resource">, event: StoredEvent, revision: number): void {
    const entry: Entry = { revision, resourceKey: keyOf(def), namespace: event.object.metadata.namespace, event };
    const dropped = this.ring[this.next];
    if (dropped && this.size === this.capacity) this.compacted = dropped.revision;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
    this.queue.push(entry);
    this.drain();
  }

  private drain(): void {
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let entry = this.queue.shift(); entry; entry = this.queue.shift()) {
        const subs = this.subscribers.get(entry.resourceKey);
        if (!subs) continue;
        for (const sub of [...subs]) {
          if (sub.namespace !== undefined && sub.namespace !== entry.namespace) continue;
          try {
            sub.onEvent(entry.event, entry.revision);
          } catch {
            // A failing subscriber must not stop delivery to the others.
          }
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  private *retained(): Iterable<Entry> {
    const start = this.size === this.capacity ? this.next : 0;
    for (let i = 0; i < this.size; i++) {
      const e = this.ring[(start + i) % this.capacity];
      if (e) yield e;
    }
  }

  subscribe(
    def: Pick<ResourceDef, "group" | "resource">,
    namespace: string | undefined,
    onEvent: Subscriber["onEvent"],
    since?: string,
  ): () => void {
    const key = keyOf(def);
    const sub: Subscriber = { namespace, onEvent };
    if (since !== undefined && since !== "" && since !== "0") {
      const from = Number(since);
      if (!Number.isInteger(from) || from < this.compacted) throw expired(since, String(this.compacted + 1));
      // Queued entries will still reach this subscriber through drain(); replay only what is already delivered.
      const pending = new Set(this.queue);
      for (const e of this.retained()) {
        if (e.revision <= from || pending.has(e) || e.resourceKey !== key) continue;
        if (namespace !== undefined && e.namespace !== namespace) continue;
        onEvent(e.event, e.revision);
      }
    }
    let subs = this.subscribers.get(key);
    if (!subs) {
      subs = new Set();
      this.subscribers.set(key, subs);
    }
    subs.add(sub);
    return () => {
      subs.delete(sub);
    };
  }

  /** After loading persisted state there is no history: anything older than now is expired. */
  reset(revision: number): void {
    this.compacted = revision;
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
