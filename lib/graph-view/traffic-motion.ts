/**
 * How an edge's traffic moves in the graph's traffic animation: marks travel from source to
 * target, faster and closer together the more the edge carries, and a share of them equal to
 * the edge's error share are error marks. As in Kiali's animation, HTTP and gRPC edges move
 * by requests/s and TCP edges by bytes/s, with their own marks.
 *
 * Rates span many decades (a health check at 0.05 rps, a front door at 1,000 rps), so the
 * rate is placed on a log scale between a floor and a ceiling per unit, clamped: anything
 * that carries traffic moves visibly, and ten times more traffic always looks busier until
 * the ceiling. Distances are in model pixels (the canvas scales them with the zoom).
 */
import type { Protocol } from "@/lib/contracts/graph";
import type { ViewEdge } from "./view-model";

/** Requests (HTTP, gRPC) or bytes (TCP): each is drawn with its own mark. */
export type TrafficUnit = "requests" | "bytes";

interface RateScale {
  unit: TrafficUnit;
  /** Per second: at or below it an edge moves at the slowest pace. */
  floor: number;
  /** Per second: at or above it an edge moves at the fastest pace. */
  ceiling: number;
}

/** `ViewEdge.rate` is requests/s for HTTP and gRPC and bytes/s for TCP (view-model.ts). */
const scales: Record<Protocol, RateScale> = {
  http: { unit: "requests", floor: 0.01, ceiling: 1000 },
  grpc: { unit: "requests", floor: 0.01, ceiling: 1000 },
  tcp: { unit: "bytes", floor: 10, ceiling: 10 * 1024 ** 2 },
};

/** Model pixels per second, slowest to fastest. */
const speeds = { slow: 25, fast: 150 } as const;
/** Model pixels between consecutive marks, sparsest to densest. */
const spacings = { sparse: 140, dense: 28 } as const;

export interface TrafficMotion {
  unit: TrafficUnit;
  /** How far a mark travels per second, model pixels. */
  speed: number;
  /** How far apart consecutive marks are, model pixels. */
  spacing: number;
  /** Share of the marks drawn as errors, 0–1. */
  errorShare: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Where a rate sits between its scale's floor (0) and ceiling (1), on a log scale. */
function levelOf(rate: number, scale: RateScale): number {
  const low = Math.log10(scale.floor);
  return clamp01((Math.log10(rate) - low) / (Math.log10(scale.ceiling) - low));
}

/** An edge's motion; undefined for an edge that carries nothing (it does not move). */
export function trafficMotionOf(edge: Pick<ViewEdge, "protocol" | "rate" | "errorPct">): TrafficMotion | undefined {
  if (!(edge.rate > 0)) return undefined;
  const scale = scales[edge.protocol];
  const level = levelOf(edge.rate, scale);
  return {
    unit: scale.unit,
    speed: speeds.slow + (speeds.fast - speeds.slow) * level,
    spacing: spacings.sparse + (spacings.dense - spacings.sparse) * level,
    // TCP has no error share; errorPct is 0 there (view-model.ts).
    errorShare: clamp01(edge.errorPct / 100),
  };
}

/**
 * Whether the n-th mark of an edge is an error mark. Spread evenly rather than at random, so
 * a 25% share is exactly one mark in four and a mark keeps its colour as it travels.
 */
export function isErrorMark(n: number, errorShare: number): boolean {
  return Math.floor((n + 1) * errorShare) > Math.floor(n * errorShare);
}

export interface TrafficMark {
  /** From the source end, model pixels. */
  distance: number;
  error: boolean;
}

/**
 * The marks on a path of the given length at a time in seconds. Mark n left the source at
 * n·spacing/speed seconds; with one shared clock the marks move on smoothly across graph
 * refreshes and restarts of the animation.
 */
export function marksAlong(motion: TrafficMotion, length: number, seconds: number): TrafficMark[] {
  const travelled = seconds * motion.speed;
  const marks: TrafficMark[] = [];
  const newest = Math.floor(travelled / motion.spacing);
  for (let n = newest; ; n--) {
    const distance = travelled - n * motion.spacing;
    if (distance > length) break;
    marks.push({ distance, error: isErrorMark(n, motion.errorShare) });
  }
  return marks;
}
