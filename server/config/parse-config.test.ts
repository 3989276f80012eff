import { readFileSync } from "node:fs";
import path from "node:path";
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
        experiments: { tickMs: 3000 },
        background: true,
        leaseNamespace: "default",
        leaseSeconds: 15,
        logLevel: "info",
        viewOnly: false,
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
    const bearer = parseConfig({
      TOPSAIL_PROMETHEUS_TOKEN: "t0k",
      TOPSAIL_PROMETHEUS_HEADERS: '{"X-Scope-OrgID":"team-a"}',
    });
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
    expect(!bad.ok && bad.message).toContain(
      "TOPSAIL_KUBE_TIMEOUT_MS must be a whole number of milliseconds from 100 to 300000",
    );
    expect(!parseConfig({ TOPSAIL_KUBE_TIMEOUT_MS: "5" }).ok).toBe(true);
  });

  it("reads the experiment tick, and refuses one so short it would only burn CPU, naming the setting and the range", () => {
    const set = parseConfig({ TOPSAIL_EXPERIMENT_TICK_MS: "500" });
    expect(set.ok && set.config.experiments.tickMs).toBe(500);
    for (const value of ["1", "99", "300001", "1.5", "often"]) {
      const bad = parseConfig({ TOPSAIL_EXPERIMENT_TICK_MS: value });
      expect(!bad.ok && bad.message).toBe(
        "Invalid configuration: TOPSAIL_EXPERIMENT_TICK_MS must be a whole number of milliseconds from 100 to 300000 (5 minutes), e.g. 3000",
      );
    }
  });

  it("turns the background services off only for on or off, and refuses anything else", () => {
    const off = parseConfig({ TOPSAIL_BACKGROUND: "off" });
    expect(off.ok && off.config.background).toBe(false);
    const bad = parseConfig({ TOPSAIL_BACKGROUND: "false" });
    expect(!bad.ok && bad.message).toBe("Invalid configuration: TOPSAIL_BACKGROUND must be on or off");
  });

  it("checks every TOPSAIL_ setting the README's configuration table lists", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const table = readme.slice(
      readme.indexOf("## Configuration"),
      readme.indexOf("### ", readme.indexOf("## Configuration")),
    );
    const listed = [...new Set(table.match(/\bTOPSAIL_[A-Z_]+/g))];
    expect(listed.length).toBeGreaterThan(10);
    // A value no setting accepts (not a URL, a number, a JSON object, on/off): each listed
    // setting must refuse it by name, or accept it as free text where free text is right.
    const freeText = [
      "TOPSAIL_KUBE_CONTEXT",
      "TOPSAIL_PROMETHEUS_TOKEN",
      "TOPSAIL_PROMETHEUS_USERNAME",
      "TOPSAIL_PROMETHEUS_PASSWORD",
      "TOPSAIL_HOST",
    ];
    for (const variable of listed.filter((name) => !freeText.includes(name))) {
      const result = parseConfig({ [variable]: "?not valid?" });
      expect(!result.ok && result.message, variable).toContain(variable);
    }
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
