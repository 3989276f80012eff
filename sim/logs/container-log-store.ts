/**
 * What the kubelet keeps of each container's stdout: a bounded ring of lines per
 * `namespace/pod/container`, each with the time it was written, and followers that get every
 * new line until the pod goes away. The apiserver's `pods/log` reads from here
 * (sim/apiserver/serve-pod-log.ts); sim/logs/pod-log-feeder.ts writes.
 */

export interface LogLine {
  /** Epoch ms the line was written. */
  timeMs: number;
  /** Without the trailing newline. */
  text: string;
}

export interface LogFollower {
  line(line: LogLine): void;
  /** The container is gone (its pod was deleted): a follow stream ends here. */
  end(): void;
}

/** A few thousand lines per container: minutes of Bookinfo traffic, a bounded few MB overall. */
export const DEFAULT_LINES_PER_CONTAINER = 5000;

interface ContainerLog {
  lines: LogLine[];
  followers: Set<LogFollower>;
}

const keyOf = (namespace: string, pod: string, container: string): string => `${namespace}/${pod}/${container}`;

export class ContainerLogStore {
  private readonly logs = new Map<string, ContainerLog>();

  constructor(private readonly capacity = DEFAULT_LINES_PER_CONTAINER) {}

  append(namespace: string, pod: string, container: string, line: LogLine): void {
    const log = this.logOf(keyOf(namespace, pod, container));
    log.lines.push(line);
    // Trim in batches: one splice per `capacity / 8` lines keeps appends O(1) amortised.
    if (log.lines.length > this.capacity + (this.capacity >> 3)) log.lines.splice(0, log.lines.length - this.capacity);
    for (const follower of log.followers) follower.line(line);
  }

  /** The container's lines, oldest first, at most `capacity`. */
  read(namespace: string, pod: string, container: string): readonly LogLine[] {
    const lines = this.logs.get(keyOf(namespace, pod, container))?.lines ?? [];
    return lines.length > this.capacity ? lines.slice(lines.length - this.capacity) : lines;
  }

  /** Every line appended from now on; returns the unsubscribe. */
  follow(namespace: string, pod: string, container: string, follower: LogFollower): () => void {
    const log = this.logOf(keyOf(namespace, pod, container));
    log.followers.add(follower);
    return () => log.followers.delete(follower);
  }

  /** Drops a deleted pod's logs and ends its followers' streams. */
  forgetPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, log] of this.logs) {
      if (!key.startsWith(prefix)) continue;
      this.logs.delete(key);
      for (const follower of log.followers) follower.end();
    }
  }

  private logOf(key: string): ContainerLog {
    let log = this.logs.get(key);
    if (!log) {
      log = { lines: [], followers: new Set() };
      this.logs.set(key, log);
    }
    return log;
  }
}
