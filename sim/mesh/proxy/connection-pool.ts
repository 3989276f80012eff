/**
 * One client proxy's connection pool for one cluster, with Envoy's circuit breakers as
 * Istio configures them from `connectionPool`. Upstream HTTP is HTTP/1.1 (Istio's default
 * h2UpgradePolicy), so a connection carries one request at a time: at most
 * min(maxConnections, http2MaxRequests) requests are active, up to
 * http1MaxPendingRequests wait for a connection, and anything beyond overflows (503 UO).
 * maxRequestsPerConnection does not change these limits: it decides whether a connection is
 * reused, and the handshake a fresh connection costs is charged by the engine
 * (sim/mesh/engine/upstream-try.ts), holding the pool slot meanwhile.
 */
import type { ConnectionPoolSettings } from "@/lib/istio/types";

const UNLIMITED = 2 ** 32 - 1;

export interface PoolLimits {
  maxActive: number;
  maxPending: number;
}

export function poolLimitsOf(settings: ConnectionPoolSettings | undefined): PoolLimits {
  const maxConnections = settings?.tcp?.maxConnections || UNLIMITED;
  const maxRequests = settings?.http?.http2MaxRequests || UNLIMITED;
  return {
    maxActive: Math.min(maxConnections, maxRequests),
    maxPending: settings?.http?.http1MaxPendingRequests || UNLIMITED,
  };
}

export interface PendingTicket {
  cancel(): void;
}

export type AcquireResult = { kind: "granted" } | { kind: "pending"; ticket: PendingTicket } | { kind: "overflow" };

export class ConnectionPool {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void; live: boolean }> = [];

  get activeCount(): number {
    return this.active;
  }

  get pendingCount(): number {
    return this.waiting.filter((w) => w.live).length;
  }

  /** `grant` runs later, when a pending request gets a connection. */
  acquire(limits: PoolLimits, grant: () => void): AcquireResult {
    this.compact();
    if (this.active < limits.maxActive) {
      this.active++;
      return { kind: "granted" };
    }
    if (this.waiting.length >= limits.maxPending) return { kind: "overflow" };
    const waiter = { grant, live: true };
    this.waiting.push(waiter);
    return {
      kind: "pending",
      ticket: {
        cancel: () => {
          waiter.live = false;
        },
      },
    };
  }

  release(limits: PoolLimits): void {
    this.active = Math.max(0, this.active - 1);
    this.compact();
    while (this.active < limits.maxActive && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (!next?.live) continue;
      this.active++;
      next.grant();
    }
  }

  private compact(): void {
    while (this.waiting.length > 0 && !this.waiting[0]?.live) this.waiting.shift();
  }
}
