/**
 * The request explainer's form lives in the URL, so an explanation is a link:
 * `/explain?namespace=bookinfo&source=productpage-v1&host=reviews&port=9080&path=/reviews/0&header=end-user:jason`.
 * The form keeps what was typed (strings); `explanationRequest` checks it with the API's own
 * query schema (lib/contracts/request-explanation.ts), so the page says what is wrong in the
 * same words the server would, and asks only once the request is complete.
 */
import { requestExplanationQuerySchema, type RequestExplanationQuery } from "@/lib/contracts/request-explanation";

export interface HeaderRow {
  name: string;
  value: string;
}

export interface ExplainForm {
  namespace: string;
  /** The calling workload, in `namespace`. */
  source: string;
  host: string;
  /** As typed; empty = the host's first HTTP port (the API decides). */
  port: string;
  method: string;
  path: string;
  headers: HeaderRow[];
}

export const explainMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

const single = ["namespace", "source", "host", "port", "method", "path"] as const;

/** `name:value` → a row; the value may itself hold colons (`x-b3:a:b`). */
function headerRowOf(param: string): HeaderRow {
  const at = param.indexOf(":");
  return at < 0 ? { name: param.trim(), value: "" } : { name: param.slice(0, at).trim(), value: param.slice(at + 1) };
}

/** The form a URL describes; `fallbackNamespace` (the top bar's first) when the link names none. */
export function parseExplainForm(search: URLSearchParams, fallbackNamespace = ""): ExplainForm {
  return {
    namespace: search.get("namespace") || fallbackNamespace,
    source: search.get("source") ?? "",
    host: search.get("host") ?? "",
    port: search.get("port") ?? "",
    method: search.get("method") || "GET",
    path: search.get("path") || "/",
    headers: search.getAll("header").map(headerRowOf),
  };
}

/** Writes the form over `params`, leaving out empty fields; other parameters (the top bar's `namespaces`) stay. */
export function writeExplainForm(form: ExplainForm, params = new URLSearchParams()): URLSearchParams {
  for (const name of single) params.delete(name);
  params.delete("header");
  for (const name of single) {
    const value = form[name].trim();
    if (value) params.set(name, value);
  }
  for (const h of form.headers) if (h.name.trim()) params.append("header", `${h.name.trim()}:${h.value.trim()}`);
  return params;
}

/** A link into the explainer with some fields filled (the service page's host, the graph edge's caller). */
export function explainHref(prefill: Partial<Omit<ExplainForm, "headers">> & { namespace: string }): string {
  const form: ExplainForm = { source: "", host: "", port: "", method: "", path: "", headers: [], ...prefill };
  const params = new URLSearchParams({ namespaces: prefill.namespace });
  return `/explain?${writeExplainForm(form, params).toString()}`;
}

export type ExplanationRequest =
  | { state: "incomplete" }
  | { state: "invalid"; errors: Partial<Record<keyof ExplainForm, string>> }
  | { state: "ready"; namespace: string; query: RequestExplanationQuery };

/** Which form field each query parameter of the contract comes from, to put its message next to it. */
const fieldOfParam: Record<string, keyof ExplainForm> = {
  sourceWorkload: "source",
  host: "host",
  port: "port",
  path: "path",
  method: "method",
  headers: "headers",
};

/** Whether the form asks a complete, well-formed question, and if so the API query it asks. */
export function explanationRequest(form: ExplainForm): ExplanationRequest {
  if (!form.namespace || !form.source.trim() || !form.host.trim()) return { state: "incomplete" };
  const parsed = requestExplanationQuerySchema.safeParse({
    sourceWorkload: form.source.trim(),
    host: form.host,
    port: form.port.trim() || undefined,
    path: form.path.trim() || "/",
    method: form.method,
    headers: form.headers.filter((h) => h.name.trim()).map((h) => `${h.name.trim()}:${h.value.trim()}`),
  });
  if (parsed.success) return { state: "ready", namespace: form.namespace, query: parsed.data };
  const errors: Partial<Record<keyof ExplainForm, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOfParam[String(issue.path[0])];
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { state: "invalid", errors };
}
