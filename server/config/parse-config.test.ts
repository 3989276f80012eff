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
        prometheus: {
          url: defaultPrometheusUrl,
          auth: { kind: "none" },
          headers: {},
          timeoutMs: 10_000,
          queryScope: [],
        },
        tracing: { url: undefined, timeoutMs: 10_000 },
        kube: { context: undefined, timeoutMs: 10_000 },
        databaseUrl: defaultDatabaseUrl,
        server: { port: 3000, host: "127.0.0.1" },
        experiments: { tickMs: 3000 },
        background: true,
        leaseNamespace: "default",
        leaseSeconds: 15,
        logLevel: "info",
        viewOnly: false,
        auth: {
          strategy: "anonymous",
          sessionSecret: undefined,
          sessionHours: 8,
          allowedHosts: ["localhost", "127.0.0.1", "[::1]"],
          publicUrl: undefined,
          openid: undefined,
          header: { proxyAddresses: [], userHeader: "X-Forwarded-User", groupsHeader: "X-Forwarded-Groups" },
        },
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
      "TOPSAIL_OIDC_CLIENT_ID",
      "TOPSAIL_OIDC_CLIENT_SECRET",
    ];
    for (const variable of listed.filter((name) => !freeText.includes(name))) {
      const result = parseConfig({ [variable]: "?not valid?" });
      expect(!result.ok && result.message, variable).toContain(variable);
    }
  });

  it("reads the query scope as label matchers, and refuses text that is not matchers at start-up", () => {
    const set = parseConfig({ TOPSAIL_PROMETHEUS_QUERY_SCOPE: 'mesh_id="mesh1", cluster=~"east-.*",team!="a\\"b"' });
    expect(set.ok && set.config.prometheus.queryScope).toEqual([
      { label: "mesh_id", op: "=", value: "mesh1" },
      { label: "cluster", op: "=~", value: "east-.*" },
      { label: "team", op: "!=", value: 'a"b' },
    ]);
    for (const bad of ["mesh_id=mesh1", 'mesh-id="x"', 'mesh_id="x" or vector(1)', 'mesh_id="x",,']) {
      const result = parseConfig({ TOPSAIL_PROMETHEUS_QUERY_SCOPE: bad });
      expect(!result.ok && result.message, bad).toContain(
        "TOPSAIL_PROMETHEUS_QUERY_SCOPE must be comma-separated PromQL label matchers",
      );
    }
  });

  it("turns tracing on with a Jaeger query URL, and names the setting when the URL is not one", () => {
    const on = parseConfig({ TOPSAIL_TRACING_URL: "http://127.0.0.1:16686/jaeger/" });
    expect(on.ok && on.config.tracing.url).toBe("http://127.0.0.1:16686/jaeger");
    const bad = parseConfig({ TOPSAIL_TRACING_URL: "jaeger:16686" });
    expect(!bad.ok && bad.message).toBe(
      "Invalid configuration: TOPSAIL_TRACING_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:16686/jaeger",
    );
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

  describe("sign-in settings", () => {
    const secret = "s".repeat(32);

    it("refuses anonymous access on an address other machines reach, naming TOPSAIL_AUTH_STRATEGY in one line", () => {
      for (const host of ["0.0.0.0", "10.0.0.5", "::"]) {
        const result = parseConfig({ TOPSAIL_HOST: host });
        expect(!result.ok && result.message).toMatch(
          /^Invalid configuration: TOPSAIL_AUTH_STRATEGY is anonymous but TOPSAIL_HOST=/,
        );
        expect(!result.ok && result.message).not.toContain("\n");
      }
      for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
        expect(parseConfig({ TOPSAIL_HOST: host }).ok).toBe(true);
    });

    it("serves other machines once a strategy with its secret is set", () => {
      const result = parseConfig({
        TOPSAIL_HOST: "0.0.0.0",
        TOPSAIL_AUTH_STRATEGY: "token",
        TOPSAIL_SESSION_SECRET: secret,
      });
      expect(result.ok && result.config.auth.strategy).toBe("token");
    });

    it("refuses the session strategies without a session secret, naming it", () => {
      for (const strategy of ["token", "openid"]) {
        const result = parseConfig({ TOPSAIL_AUTH_STRATEGY: strategy });
        expect(!result.ok && result.message).toContain(
          `TOPSAIL_SESSION_SECRET is required for TOPSAIL_AUTH_STRATEGY=${strategy}`,
        );
      }
      const short = parseConfig({ TOPSAIL_AUTH_STRATEGY: "token", TOPSAIL_SESSION_SECRET: "short" });
      expect(!short.ok && short.message).toContain("TOPSAIL_SESSION_SECRET must be at least 32 characters");
    });

    it("names each missing OpenID setting, and reads them all when present", () => {
      const missing = parseConfig({ TOPSAIL_AUTH_STRATEGY: "openid", TOPSAIL_SESSION_SECRET: secret });
      expect(!missing.ok && missing.message).toContain(
        "TOPSAIL_OIDC_ISSUER is required for TOPSAIL_AUTH_STRATEGY=openid",
      );
      const noUrl = parseConfig({
        TOPSAIL_AUTH_STRATEGY: "openid",
        TOPSAIL_SESSION_SECRET: secret,
        TOPSAIL_OIDC_ISSUER: "https://dex.example.com",
        TOPSAIL_OIDC_CLIENT_ID: "topsail",
      });
      expect(!noUrl.ok && noUrl.message).toContain("TOPSAIL_PUBLIC_URL is required");
      const full = parseConfig({
        TOPSAIL_AUTH_STRATEGY: "openid",
        TOPSAIL_SESSION_SECRET: secret,
        TOPSAIL_OIDC_ISSUER: "https://dex.example.com",
        TOPSAIL_OIDC_CLIENT_ID: "topsail",
        TOPSAIL_PUBLIC_URL: "https://topsail.example.com/",
        TOPSAIL_OIDC_KUBE: "id-token",
      });
      expect(full.ok && full.config.auth.openid).toEqual({
        issuer: "https://dex.example.com",
        clientId: "topsail",
        clientSecret: undefined,
        scopes: "openid profile email",
        usernameClaim: "sub",
        groupsClaim: "groups",
        kube: "id-token",
      });
      // The public URL's host is a name the console answers to.
      expect(full.ok && full.config.auth.allowedHosts).toContain("topsail.example.com");
      expect(full.ok && full.config.auth.publicUrl).toBe("https://topsail.example.com");
    });

    it("refuses scopes without openid", () => {
      const result = parseConfig({ TOPSAIL_OIDC_SCOPES: "profile email" });
      expect(!result.ok && result.message).toContain(
        "TOPSAIL_OIDC_SCOPES must be space-separated scopes including openid",
      );
    });

    it("needs the proxy's addresses for the header strategy, and reads IPs and ranges", () => {
      const missing = parseConfig({ TOPSAIL_AUTH_STRATEGY: "header" });
      expect(!missing.ok && missing.message).toContain("TOPSAIL_AUTH_PROXY_ADDRESSES is required");
      const set = parseConfig({
        TOPSAIL_AUTH_STRATEGY: "header",
        TOPSAIL_AUTH_PROXY_ADDRESSES: "10.0.0.7, 10.1.0.0/16,fd00::/8",
      });
      expect(set.ok && set.config.auth.header.proxyAddresses).toEqual(["10.0.0.7", "10.1.0.0/16", "fd00::/8"]);
    });

    it("reads the allowed hosts, lower-cased, and adds a specific bind address", () => {
      const result = parseConfig({
        TOPSAIL_ALLOWED_HOSTS: "Topsail.Example.com, 10.0.0.5:3000",
        TOPSAIL_HOST: "127.0.0.2",
      });
      expect(result.ok && result.config.auth.allowedHosts).toEqual([
        "topsail.example.com",
        "10.0.0.5:3000",
        "127.0.0.2",
      ]);
      const bad = parseConfig({ TOPSAIL_ALLOWED_HOSTS: "http://topsail.example.com" });
      expect(!bad.ok && bad.message).toContain(
        "TOPSAIL_ALLOWED_HOSTS must be a comma-separated list of host or host:port",
      );
    });
  });
});
