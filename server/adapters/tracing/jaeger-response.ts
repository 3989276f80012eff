/**
 * The Jaeger query API v1's JSON (jaegerquery's http_handler: the envelope
 * `{data,total,limit,offset,errors}`, traces with `processes` and spans in microseconds),
 * validated with zod and reshaped into trace-records.ts so no Jaeger shape leaves the adapter.
 */
import "server-only";
import { z } from "zod";
import type { SpanRecord, TraceRecord } from "./trace-records";

export const jaegerErrorSchema = z.object({ code: z.number(), msg: z.string() });

export const jaegerEnvelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(jaegerErrorSchema).nullish(),
});

export const stringListSchema = z.array(z.string()).nullable();

/** `/api/operations?service=` answers objects; `/api/services/{s}/operations` plain names. */
export const operationListSchema = z
  .array(z.union([z.string(), z.object({ name: z.string(), spanKind: z.string().optional() })]))
  .nullable();

const tagSchema = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]),
});

const referenceSchema = z.object({ refType: z.string(), traceID: z.string(), spanID: z.string() });

const spanSchema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  operationName: z.string(),
  references: z.array(referenceSchema).nullish(),
  /** Microseconds since the epoch. */
  startTime: z.number(),
  /** Microseconds. */
  duration: z.number(),
  tags: z.array(tagSchema).nullish(),
  processID: z.string(),
});

const processSchema = z.object({ serviceName: z.string(), tags: z.array(tagSchema).nullish() });

export const jaegerTraceSchema = z.object({
  traceID: z.string(),
  spans: z.array(spanSchema),
  processes: z.record(z.string(), processSchema),
});
export type JaegerTrace = z.infer<typeof jaegerTraceSchema>;

export const traceListSchema = z.array(jaegerTraceSchema).nullable();

type Tag = z.infer<typeof tagSchema>;

const tagMap = (tags: Tag[] | null | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.key, String(t.value)]));

/** CHILD_OF wins over FOLLOWS_FROM: the waterfall nests under the span that waited for this one. */
function parentOf(span: JaegerTrace["spans"][number]): string | undefined {
  const refs = span.references ?? [];
  return (refs.find((r) => r.refType === "CHILD_OF") ?? refs[0])?.spanID;
}

export function reshapeTrace(trace: JaegerTrace): TraceRecord {
  const spans: SpanRecord[] = trace.spans.map((span) => {
    const process = trace.processes[span.processID];
    return {
      traceId: span.traceID,
      spanId: span.spanID,
      parentSpanId: parentOf(span),
      operation: span.operationName,
      startMs: span.startTime / 1000,
      durationMs: span.duration / 1000,
      service: process?.serviceName ?? "unknown",
      tags: { ...tagMap(process?.tags), ...tagMap(span.tags) },
    };
  });
  return { traceId: trace.traceID, spans };
}
