/**
 * A stored trace as Jaeger's UI model renders it: each span names its process by id (`p1`, `p2`, …
 * in the order the spans first use them) and the trace lists the processes once.
 */
import type { JaegerProcess, JaegerSpan, JaegerTrace } from "./jaeger-model";
import type { StoredTrace } from "./trace-store";

export function renderTrace(trace: StoredTrace): JaegerTrace {
  const processIds = new Map<string, string>();
  const processes: Record<string, JaegerProcess> = {};
  const spans: JaegerSpan[] = trace.spans.map(({ process, ...span }) => {
    const key = JSON.stringify(process);
    let processID = processIds.get(key);
    if (!processID) {
      processID = `p${processIds.size + 1}`;
      processIds.set(key, processID);
      processes[processID] = process;
    }
    return { ...span, logs: [], processID, warnings: null };
  });
  return { traceID: trace.traceID, spans, processes, warnings: null };
}
