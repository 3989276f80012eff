/**
 * Small builders for the protobuf-JSON spellings Envoy's admin API prints: durations
 * (`"0s"`, `"0.250s"`), fractional percentages (numerator over a MILLION, as istiod
 * translates a VirtualService's 0–100 double), typed configs and Istio's config paths.
 */

/** A JSON object as Envoy dumps it: snake_case keys, values of any JSON type. */
export type EnvoyJson = { [key: string]: EnvoyValue };
export type EnvoyValue = string | number | boolean | null | EnvoyValue[] | EnvoyJson;

/** google.protobuf.Duration in JSON: seconds with 0, 3, 6 or 9 fractional digits. */
export function protoDuration(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${(ms / 1000).toFixed(3)}s`;
}

/** envoy.type.v3.FractionalPercent for a percentage 0–100 (istiod's translatePercentToFractionalPercent). */
export function fractionalPercent(percent: number): EnvoyJson {
  return { numerator: Math.round(Math.min(100, Math.max(0, percent)) * 10_000), denominator: "MILLION" };
}

export function typed(typeUrl: string, body: EnvoyJson = {}): EnvoyJson {
  return { "@type": `type.googleapis.com/${typeUrl}`, ...body };
}

/** What Kiali parses out of `metadata.filter_metadata.istio.config` (v1 only). */
export function istioConfigPath(kind: "virtual-service" | "destination-rule", namespace: string, name: string): string {
  return `/apis/networking.istio.io/v1/namespaces/${namespace}/${kind}/${name}`;
}

/** xDS over ADS, as every dynamic resource of an Istio proxy is fetched. */
export const ADS_CONFIG_SOURCE: EnvoyJson = { ads: {}, initial_fetch_timeout: "0s", resource_api_version: "V3" };
