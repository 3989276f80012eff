/**
 * Envoy's outlier detection for one client proxy and one cluster, from a
 * DestinationRule's `outlierDetection`: a host that answers `consecutive5xxErrors` 5xx in
 * a row (local-origin failures count, as Istio leaves them unsplit) is ejected for
 * baseEjectionTime × its ejection count, unless that would eject more than
 * maxEjectionPercent of the hosts (one host may always go). Each interval a host spends
 * healthy lowers its count again. Istio disables panic mode (minHealthPercent 0), so
 * with every host ejected there is no healthy upstream (503 UH).
 */
import { parseDurationMs } from "@/lib/istio/duration";
import type { OutlierDetection } from "@/lib/istio/types";
import type { PodInfo } from "@/lib/istio/routing/snapshot";

interface HostState {
  consecutive: number;
  ejectedUntil: number;
  ejections: number;
  lastChange: number;
}

export interface OutlierSettings {
  consecutive5xx: number;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
}

export function outlierSettingsOf(spec: OutlierDetection | undefined): OutlierSettings | undefined {
  if (!spec) return undefined;
  return {
    consecutive5xx: spec.consecutive5xxErrors ?? spec.consecutiveErrors ?? 5,
    intervalMs: parseDurationMs(spec.interval ?? "") ?? 10_000,
    baseEjectionMs: parseDurationMs(spec.baseEjectionTime ?? "") ?? 30_000,
    maxEjectionPercent: spec.maxEjectionPercent ?? 10,
  };
}

export class OutlierDetector {
  private readonly hosts = new Map<string, HostState>();

  private state(pod: PodInfo): HostState {
    const key = pod.name;
    let s = this.hosts.get(key);
    if (!s) {
      s = { consecutive: 0, ejectedUntil: 0, ejections: 0, lastChange: 0 };
      this.hosts.set(key, s);
    }
    return s;
  }

  isEjected(pod: PodInfo, now: number): boolean {
    const s = this.hosts.get(pod.name);
    return s !== undefined && s.ejectedUntil > now;
  }

  healthy(endpoints: readonly PodInfo[], now: number): PodInfo[] {
    if (this.hosts.size === 0) return endpoints as PodInfo[];
    return endpoints.filter((p) => !this.isEjected(p, now));
  }

  ejectedCount(endpoints: readonly PodInfo[], now: number): number {
    return endpoints.filter((p) => this.isEjected(p, now)).length;
  }

  record(pod: PodInfo, status: number, now: number, settings: OutlierSettings, endpoints: readonly PodInfo[]): void {
    const s = this.state(pod);
    if (s.ejections > 0 && s.ejectedUntil <= now) {
      const healthyIntervals = Math.floor((now - Math.max(s.ejectedUntil, s.lastChange)) / settings.intervalMs);
      if (healthyIntervals > 0) {
        s.ejections = Math.max(0, s.ejections - healthyIntervals);
        s.lastChange = now;
      }
    }
    if (status < 500) {
      s.consecutive = 0;
      return;
    }
    s.consecutive++;
    if (settings.consecutive5xx <= 0 || s.consecutive < settings.consecutive5xx || s.ejectedUntil > now) return;
    const ejected = this.ejectedCount(endpoints, now);
    const percent = endpoints.length === 0 ? 100 : (100 * ejected) / endpoints.length;
    if (!(percent < settings.maxEjectionPercent || (ejected === 0 && settings.maxEjectionPercent > 0))) return;
    s.ejections++;
    s.consecutive = 0;
    s.ejectedUntil = now + settings.baseEjectionMs * s.ejections;
    s.lastChange = now;
  }
}
