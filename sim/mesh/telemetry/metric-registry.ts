/**
 * Istio's standard metrics as the proxies would export them: one series per distinct
 * label set, monotonic counters and histograms that only ever grow. Reports arrive from
 * the engine; `chunks()` writes Prometheus text format 0.0.4 a piece at a time. Label
 * text is built once per series (from fragments cached per workload and service); a scrape
 * only formats the numbers. Rendered text is not kept: at `--scale 1000` a scrape is
 * hundreds of megabytes (thousands of edges × Istio's 25 labels × three 20-bucket
 * histograms), more than one JavaScript string may hold and too much to keep in memory.
 */
import type { WorkloadIdentity } from "@/lib/istio/routing/snapshot";
import { Histogram, formatNumber } from "./histogram";
import { LabelCatalog, escapeLabelValue, type Reporter, type SecurityPolicy, type ServiceLabels } from "./labels";

export interface RequestReport {
  reporter: Reporter;
  source: WorkloadIdentity | undefined;
  destination: WorkloadIdentity | undefined;
  /** Both principals are known only over Istio mTLS. */
  mutualTls: boolean;
  service: ServiceLabels;
  protocol: "http" | "grpc";
  /** 0 when no response was sent. */
  code: number;
  /** gRPC requests: the grpc-status reported (engine/grpc.ts); absent for HTTP and when no response was sent. */
  grpcStatus?: number;
  /** "-" or comma-joined Envoy flags. */
  flags: string;
  security: SecurityPolicy;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

export interface TcpReport {
  reporter: Reporter;
  source: WorkloadIdentity | undefined;
  destination: WorkloadIdentity | undefined;
  mutualTls: boolean;
  service: ServiceLabels;
  flags: string;
  security: SecurityPolicy;
  opened: number;
  closed: number;
  /** Bytes the server sent (the response direction). */
  sentBytes: number;
  /** Bytes the server received (the request direction). */
  receivedBytes: number;
}

class RequestSeries {
  requests = 0;
  readonly duration = new Histogram();
  readonly requestBytes = new Histogram();
  readonly responseBytes = new Histogram();
  constructor(readonly labels: string) {}
}

class TcpSeries {
  sent = 0;
  received = 0;
  opened = 0;
  closed = 0;
  constructor(readonly labels: string) {}
}

interface Family {
  name: string;
  type: "counter" | "histogram";
  help: string;
}

const REQUEST_FAMILIES: readonly Family[] = [
  { name: "istio_requests_total", type: "counter", help: "Total number of requests handled by an Istio proxy" },
  {
    name: "istio_request_duration_milliseconds",
    type: "histogram",
    help: "Duration of requests handled by an Istio proxy",
  },
  {
    name: "istio_request_bytes",
    type: "histogram",
    help: "Request sizes (headers and body) handled by an Istio proxy",
  },
  {
    name: "istio_response_bytes",
    type: "histogram",
    help: "Response sizes (headers and body) handled by an Istio proxy",
  },
];

const TCP_FAMILIES: readonly Family[] = [
  {
    name: "istio_tcp_sent_bytes_total",
    type: "counter",
    help: "Total bytes sent in response to TCP connections handled by an Istio proxy",
  },
  {
    name: "istio_tcp_received_bytes_total",
    type: "counter",
    help: "Total bytes received in requests of TCP connections handled by an Istio proxy",
  },
  {
    name: "istio_tcp_connections_opened_total",
    type: "counter",
    help: "Total TCP connections opened through an Istio proxy",
  },
  {
    name: "istio_tcp_connections_closed_total",
    type: "counter",
    help: "Total TCP connections closed through an Istio proxy",
  },
];

function header(family: Family): string {
  return `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} ${family.type}\n`;
}

export class MetricRegistry {
  private readonly catalog = new LabelCatalog();
  private readonly requestSeries = new Map<string, RequestSeries>();
  private readonly tcpSeries = new Map<string, TcpSeries>();
  private readonly outcomes = new Map<string, number>();
  private reports = 0;
  private destinationReports = 0;

  /** HTTP requests reported by a server's sidecar: the mesh's request count, each hop once. */
  get destinationRequestCount(): number {
    return this.destinationReports;
  }

  get reportCount(): number {
    return this.reports;
  }

  get seriesCount(): { request: number; tcp: number } {
    return { request: this.requestSeries.size, tcp: this.tcpSeries.size };
  }

  private outcomeId(text: string): number {
    let id = this.outcomes.get(text);
    if (id === undefined) {
      id = this.outcomes.size;
      this.outcomes.set(text, id);
    }
    return id;
  }

  private peers(report: {
    reporter: Reporter;
    source: WorkloadIdentity | undefined;
    destination: WorkloadIdentity | undefined;
    mutualTls: boolean;
    service: ServiceLabels;
  }) {
    const src = this.catalog.peer("source", report.source, report.mutualTls);
    const dst = this.catalog.peer("destination", report.destination, report.mutualTls);
    const svc = this.catalog.service(report.service);
    return { src, dst, svc, key: `${report.reporter}|${src.id}|${dst.id}|${svc.id}` };
  }

  recordRequest(report: RequestReport): void {
    this.reports++;
    const { src, dst, svc, key } = this.peers(report);
    const outcome = `request_protocol="${report.protocol}",response_code="${report.code}",grpc_response_status="${report.grpcStatus ?? ""}",response_flags="${escapeLabelValue(report.flags)}",connection_security_policy="${report.security}"`;
    const seriesKey = `${key}|${this.outcomeId(outcome)}`;
    let series = this.requestSeries.get(seriesKey);
    if (!series) {
      series = new RequestSeries(`reporter="${report.reporter}",${src.text},${dst.text},${svc.text},${outcome}`);
      this.requestSeries.set(seriesKey, series);
    }
    series.requests++;
    series.duration.observe(report.durationMs);
    series.requestBytes.observe(report.requestBytes);
    series.responseBytes.observe(report.responseBytes);
    if (report.reporter === "destination") this.destinationReports++;
  }

  recordTcp(report: TcpReport): void {
    this.reports++;
    const { src, dst, svc, key } = this.peers(report);
    const outcome = `request_protocol="tcp",response_flags="${escapeLabelValue(report.flags)}",connection_security_policy="${report.security}"`;
    const seriesKey = `${key}|${this.outcomeId(outcome)}`;
    let series = this.tcpSeries.get(seriesKey);
    if (!series) {
      series = new TcpSeries(`reporter="${report.reporter}",${src.text},${dst.text},${svc.text},${outcome}`);
      this.tcpSeries.set(seriesKey, series);
    }
    series.opened += report.opened;
    series.closed += report.closed;
    series.sent += report.sentBytes;
    series.received += report.receivedBytes;
  }

  /** Prometheus text exposition format 0.0.4, in pieces of roughly `chunkChars` characters. */
  *chunks(chunkChars = 256 * 1024): Generator<string> {
    let buffer = "";
    const requests = [...this.requestSeries.values()];
    const tcp = [...this.tcpSeries.values()];
    const families: Array<{ family: Family; lines: Array<() => string> }> = [
      {
        family: REQUEST_FAMILIES[0] as Family,
        lines: requests.map((s) => () => `istio_requests_total{${s.labels}} ${s.requests}\n`),
      },
      {
        family: REQUEST_FAMILIES[1] as Family,
        lines: requests.map((s) => () => s.duration.render("istio_request_duration_milliseconds", s.labels)),
      },
      {
        family: REQUEST_FAMILIES[2] as Family,
        lines: requests.map((s) => () => s.requestBytes.render("istio_request_bytes", s.labels)),
      },
      {
        family: REQUEST_FAMILIES[3] as Family,
        lines: requests.map((s) => () => s.responseBytes.render("istio_response_bytes", s.labels)),
      },
      ...(["sent", "received", "opened", "closed"] as const).map((field, i) => ({
        family: TCP_FAMILIES[i] as Family,
        lines: tcp.map((s) => () => `${TCP_FAMILIES[i]?.name}{${s.labels}} ${formatNumber(s[field])}\n`),
      })),
    ];
    for (const { family, lines } of families) {
      if (lines.length === 0) continue;
      buffer += header(family);
      for (const line of lines) {
        buffer += line();
        if (buffer.length >= chunkChars) {
          yield buffer;
          buffer = "";
        }
      }
    }
    if (buffer) yield buffer;
  }

  /** The whole exposition as one string (small meshes and tests; a large mesh should stream `chunks()`). */
  render(): string {
    return [...this.chunks()].join("");
  }
}
