import { describe, expect, it } from "vitest";
import { defaultDatabaseUrl, defaultPrometheusUrl, parseConfig } from "./parse-config";

describe("parseConfig", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const result = parseConfig({});
    expect(result).toEqual({
      ok: true,
      config: {
        prometheus: { url: defaultPrometheusUrl, auth: { kind: "none" }, headers: {}, timeoutMs: 10_000 },
        kube: { context: undefined, timeoutMs: 10_000 },
        databaseUrl: defaultDatabaseUrl,
        server: { port: 3000, host: "127.0.0.1" },
      },
    });
  });

  it("treats empty variables as unset", () => {
    const result = parseConfig({ TOPSAIL_PROMETHEUS_URL: "", PORT: "" });
    expect(result.ok && result.config.prometheus.url).toBe(defaultPrometheusUrl);
  });

  it("names the variable and the fix when the Prometheus URL is not a URL", () => {
    const result = parseConfig({ TOPSAIL_PROMETHEUS_URL: "notaurl" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("TOPSAIL_PROMETHEUS_URL");
      expect(result.message).toContain("http://");
      expect(result.message).not.toContain("\n");
    }
  });

  it("refuses a non-HTTP Prometheus scheme", () => {
    expect(parseConfig({ TOPSAIL_PROMETHEUS_URL: "ftp://prom:9090" }).ok).toBe(false);
  });

  it("reads bearer, basic auth and extra headers for hosted Prometheus services", () => {
    const bearer = parseConfig({ TOPSAIL_PROMETHEUS_TOKEN: "t0k", TOPSAIL_PROMETHEUS_HEADERS: '{"X-Scope-OrgID":"team-a"}' });
    expect(bearer.ok && bearer.config.prometheus.auth).toEqual({ kind: "bearer", token: "t0k" });
    expect(bearer.ok && bearer.config.prometheus.headers).toEqual({ "X-Scope-OrgID": "team-a" });
    const basic = parseConfig({ TOPSAIL_PROMETHEUS_USERNAME: "u", TOPSAIL_PROMETHEUS_PASSWORD: "p" });
    expect(basic.ok && basic.config.prometheus.auth).toEqual({ kind: "basic", username: "u", password: "p" });
  });

  it("refuses both a token and basic auth", () => {
    const result = parseConfig({ TOPSAIL_PROMETHEUS_TOKEN: "t", TOPSAIL_PROMETHEUS_USERNAME: "u" });
    expect(!result.ok && result.message).toMatch(/TOPSAIL_PROMETHEUS_TOKEN.*not both/);
  });

  it("explains a headers value that is not JSON", () => {
    const result = parseConfig({ TOPSAIL_PROMETHEUS_HEADERS: "X-Org=1" });
    expect(!result.ok && result.message).toContain("TOPSAIL_PROMETHEUS_HEADERS must be a JSON object");
  });

  it("reads the Kubernetes deadline and names the variable when it is not a duration", () => {
    const set = parseConfig({ TOPSAIL_KUBE_TIMEOUT_MS: "2500" });
    expect(set.ok && set.config.kube.timeoutMs).toBe(2500);
    const bad = parseConfig({ TOPSAIL_KUBE_TIMEOUT_MS: "soon" });
    expect(!bad.ok && bad.message).toContain("TOPSAIL_KUBE_TIMEOUT_MS must be a number of milliseconds");
    expect(!parseConfig({ TOPSAIL_KUBE_TIMEOUT_MS: "5" }).ok).toBe(true);
  });

  it("strips a trailing slash so query paths join cleanly", () => {
    const result = parseConfig({ TOPSAIL_PROMETHEUS_URL: "https://prom.example/prometheus/" });
    expect(result.ok && result.config.prometheus.url).toBe("https://prom.example/prometheus");
  });

  it("refuses a port out of range and a database URL of an unknown kind", () => {
    const portResult = parseConfig({ PORT: "70000" });
    expect(!portResult.ok && portResult.message).toContain("PORT");
    const dbResult = parseConfig({ DATABASE_URL: "mysql://x" });
    expect(!dbResult.ok && dbResult.message).toContain("DATABASE_URL");
  });

  it("accepts PostgreSQL database URLs", () => {
    const result = parseConfig({ DATABASE_URL: "postgres://topsail:pw@127.0.0.1:5432/topsail" });
    expect(result.ok).toBe(true);
  });
});
