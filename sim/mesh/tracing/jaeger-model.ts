/**
 * The JSON shapes of Jaeger's query API v1 (`/api/...`), the API Kiali and Istio's Jaeger addon
 * speak. Field names and nullability follow what Jaeger's Go structs marshal to: an absent list is
 * `null`, never omitted (`errors`, `warnings`), and a span's `flags` is only present when set.
 */

/** Envoy reports every tag as a string (Zipkin / OpenTelemetry string attributes), so only that type is made. */
export interface JaegerTag {
  key: string;
  type: "string";
  value: string;
}

export interface JaegerReference {
  refType: "CHILD_OF";
  traceID: string;
  spanID: string;
}

export interface JaegerProcess {
  serviceName: string;
  tags: JaegerTag[];
}

/** A span as the store keeps it: its process inline; `processID`s are given when a trace is rendered. */
export interface StoredSpan {
  traceID: string;
  spanID: string;
  /** 1 = sampled, as Jaeger renders B3's sampled flag. */
  flags: number;
  operationName: string;
  references: JaegerReference[];
  /** µs since the epoch. */
  startTime: number;
  /** µs. */
  duration: number;
  tags: JaegerTag[];
  process: JaegerProcess;
}

export interface JaegerSpan extends Omit<StoredSpan, "process"> {
  logs: never[];
  processID: string;
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

export interface JaegerOperation {
  name: string;
  spanKind: string;
}

export interface JaegerError {
  /** Omitted when 0 (Go's `omitempty`): per-trace errors of a search by `traceID` carry none. */
  code?: number;
  msg: string;
  traceID?: string;
}

/** Jaeger's `structuredResponse`: every answer, success or error, has this envelope. */
export interface JaegerEnvelope<Data> {
  data: Data;
  total: number;
  limit: number;
  offset: number;
  errors: JaegerError[] | null;
}
