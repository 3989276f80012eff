/**
 * A seeded pseudo-random generator (sfc32), so a run with the same `--seed` and the same
 * inputs makes the same decisions. Math.random cannot be seeded, and reproducible runs are
 * what let a statistical test fail the same way twice.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Exponentially distributed waiting time for a Poisson process of `ratePerMs`. */
  exponential(ratePerMs: number): number;
  /** Log-normal with the given median and shape; latency is multiplicative noise around a typical value. */
  logNormal(median: number, sigma: number): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createRng(seed: number): Rng {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: sfc32's first outputs are correlated with the seed.
  for (let i = 0; i < 16; i++) next();

  let spareNormal: number | undefined;
  const normal = (): number => {
    if (spareNormal !== undefined) {
      const v = spareNormal;
      spareNormal = undefined;
      return v;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    exponential(ratePerMs) {
      let u = 0;
      while (u === 0) u = next();
      return -Math.log(u) / ratePerMs;
    },
    logNormal(median, sigma) {
      return median * Math.exp(sigma * normal());
    },
    int(n) {
      return Math.floor(next() * n);
    },
  };
}

/** The σ of a log-normal whose 99th percentile is `p99` when its median is `p50`. */
export function sigmaFromPercentiles(p50: number, p99: number | undefined): number {
  if (p99 === undefined || p99 <= p50 || p50 <= 0) return 0.5;
  return Math.log(p99 / p50) / 2.3263;
}
