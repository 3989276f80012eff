/**
 * Topsail's one typed error model, from the adapters to the UI. Every error the server
 * raises on purpose is a TopsailError with a stable `code`; routes turn them into JSON with
 * `toErrorResponse` (server/http), and the client rebuilds the same shape, so the UI
 * branches on codes, never on message text.
 */
import "server-only";

export type TopsailErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  /** TOPSAIL_VIEW_ONLY=on: the console makes no changes, whoever asks. */
  | "view_only"
  | "not_found"
  | "conflict"
  /** The change sends traffic nowhere (lib/contracts/route-risks.ts): the user must confirm it. */
  | "confirmation_required"
  | "unsupported_media_type"
  | "payload_too_large"
  | "kube_unavailable"
  | "auth_provider_unavailable"
  | "kube_api"
  /** The pod has no Envoy sidecar to read configuration from. */
  | "no_sidecar"
  /** The pod is not running, so nothing listens in it. */
  | "pod_not_running"
  /** The port-forward opened, but the proxy's admin port did not answer through it. */
  | "proxy_unreachable"
  | "prometheus_unavailable"
  | "prometheus_query"
  /** TOPSAIL_TRACING_URL is not set: the tracing views say how to turn it on. */
  | "tracing_not_configured"
  | "tracing_unavailable"
  | "tracing_query"
  | "database"
  | "config"
  | "internal";

const httpStatusByCode: Record<TopsailErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  view_only: 403,
  not_found: 404,
  conflict: 409,
  confirmation_required: 409,
  unsupported_media_type: 415,
  payload_too_large: 413,
  kube_unavailable: 503,
  auth_provider_unavailable: 503,
  kube_api: 502,
  no_sidecar: 409,
  pod_not_running: 409,
  proxy_unreachable: 502,
  prometheus_unavailable: 503,
  prometheus_query: 502,
  tracing_not_configured: 503,
  tracing_unavailable: 503,
  tracing_query: 502,
  database: 500,
  config: 500,
  internal: 500,
};

export class TopsailError extends Error {
  readonly code: TopsailErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(
    code: TopsailErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TopsailError";
    this.code = code;
    this.details = options?.details;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

/** A Kubernetes API answer that was not a success, carrying the server's own Status. */
export class KubeApiError extends TopsailError {
  readonly status: number;
  readonly reason: string;
  readonly namespace?: string;

  constructor(init: { status: number; reason: string; message: string; namespace?: string; cause?: unknown }) {
    const code: TopsailErrorCode =
      init.status === 404
        ? "not_found"
        : init.status === 409
          ? "conflict"
          : init.status === 403
            ? "forbidden"
            : "kube_api";
    super(code, init.message, {
      cause: init.cause,
      details: { status: init.status, reason: init.reason, namespace: init.namespace },
    });
    this.name = "KubeApiError";
    this.status = init.status;
    this.reason = init.reason;
    this.namespace = init.namespace;
  }

  override get httpStatus(): number {
    // Pass through the client-side statuses a user can act on; a server-side failure of the
    // cluster is a bad gateway from Topsail's point of view.
    return this.status >= 400 && this.status < 500 ? this.status : 502;
  }
}

/** Prometheus answered with an error, an unexpected shape, or not at all. */
export class PrometheusError extends TopsailError {
  readonly errorType: string;
  readonly query?: string;

  constructor(init: { errorType: string; message: string; query?: string; unavailable?: boolean; cause?: unknown }) {
    super(init.unavailable ? "prometheus_unavailable" : "prometheus_query", init.message, {
      cause: init.cause,
      details: { errorType: init.errorType, query: init.query },
    });
    this.name = "PrometheusError";
    this.errorType = init.errorType;
    this.query = init.query;
  }
}

/** The tracing backend (a Jaeger-compatible query API) answered with an error, an unexpected shape, or not at all. */
export class TracingError extends TopsailError {
  readonly errorType: string;

  constructor(init: { errorType: string; message: string; unavailable?: boolean; cause?: unknown }) {
    super(init.unavailable ? "tracing_unavailable" : "tracing_query", init.message, {
      cause: init.cause,
      details: { errorType: init.errorType },
    });
    this.name = "TracingError";
    this.errorType = init.errorType;
  }
}

/** The database could not be opened, migrated or queried. */
export class DbError extends TopsailError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("database", message, options);
    this.name = "DbError";
  }
}
