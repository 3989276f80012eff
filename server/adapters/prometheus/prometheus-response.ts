/**
 * The Prometheus HTTP API envelope and result shapes, validated with zod, and their
 * reshaping into Topsail's types: numbers instead of strings, no vendor tuples past here.
 */
import "server-only";
import { z } from "zod";

const sampleValue = z.tuple([z.number(), z.string()]);

const vectorResult = z.object({
  resultType: z.literal("vector"),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleValue })),
});
const matrixResult = z.object({
  resultType: z.literal("matrix"),
  result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(sampleValue) })),
});
const scalarResult = z.object({ resultType: z.literal("scalar"), result: sampleValue });
const stringResult = z.object({ resultType: z.literal("string"), result: sampleValue });

export const queryData = z.discriminatedUnion("resultType", [vectorResult, matrixResult, scalarResult, stringResult]);

export const envelope = z.discriminatedUnion("status", [
  z.object({ status: z.literal("success"), data: z.unknown(), warnings: z.array(z.string()).optional() }),
  z.object({ status: z.literal("error"), errorType: z.string(), error: z.string() }),
]);

export const buildInfoData = z.object({ version: z.string() }).passthrough();

export type Labels = Record<string, string>;
export interface InstantSample {
  labels: Labels;
  /** Unix seconds. */
  time: number;
  value: number;
}
export interface RangeSeries {
  labels: Labels;
  points: { time: number; value: number }[];
}

export type QueryResult =
  | { kind: "vector"; samples: InstantSample[] }
  | { kind: "matrix"; series: RangeSeries[] }
  | { kind: "scalar"; time: number; value: number };

/** Prometheus encodes values as strings so that NaN and ±Inf survive JSON. */
export function parseSampleValue(text: string): number {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function reshapeQueryData(data: z.infer<typeof queryData>): QueryResult {
  switch (data.resultType) {
    case "vector":
      return {
        kind: "vector",
        samples: data.result.map((s) => ({ labels: s.metric, time: s.value[0], value: parseSampleValue(s.value[1]) })),
      };
    case "matrix":
      return {
        kind: "matrix",
        series: data.result.map((s) => ({
          labels: s.metric,
          points: s.values.map(([time, value]) => ({ time, value: parseSampleValue(value) })),
        })),
      };
    case "scalar":
    case "string":
      return { kind: "scalar", time: data.result[0], value: parseSampleValue(data.result[1]) };
  }
}
