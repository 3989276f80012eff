/** A Prometheus histogram with Envoy's default buckets (istio-facts §2). */

export const ENVOY_DEFAULT_BUCKETS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];

export const BUCKET_LABELS: readonly string[] = [...ENVOY_DEFAULT_BUCKETS.map(String), "+Inf"];

export class Histogram {
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. */
  readonly counts = new Float64Array(ENVOY_DEFAULT_BUCKETS.length + 1);
  sum = 0;
  count = 0;

  observe(value: number): void {
    let i = 0;
    const buckets = ENVOY_DEFAULT_BUCKETS;
    while (i < buckets.length && value > (buckets[i] as number)) i++;
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.sum += value;
    this.count++;
  }

  /** Exposition lines for one series; `prefix` is `name_bucket{labels,le="`. */
  render(name: string, labels: string): string {
    let out = "";
    let cumulative = 0;
    for (let i = 0; i < BUCKET_LABELS.length; i++) {
      cumulative += this.counts[i] ?? 0;
      out += `${name}_bucket{${labels},le="${BUCKET_LABELS[i]}"} ${cumulative}\n`;
    }
    out += `${name}_sum{${labels}} ${formatNumber(this.sum)}\n${name}_count{${labels}} ${this.count}\n`;
    return out;
  }
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 1000) / 1000);
}
