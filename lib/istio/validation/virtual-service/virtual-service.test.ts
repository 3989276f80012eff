import { describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidationFinding } from "../index";

function vs(spec: Record<string, unknown>): ValidationFinding[] {
  return validateIstioConfig({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec,
  });
}
const errors = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "error").map((f) => f.message);
const warnings = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "warning").map((f) => f.message);
const route = (subset: string, weight?: number) => ({
  destination: { host: "reviews", subset },
  ...(weight === undefined ? {} : { weight }),
});

describe("VirtualService hosts", () => {
  it("accepts the bookinfo gateway VirtualService", () => {
    expect(
      vs({
        hosts: ["*"],
        gateways: ["bookinfo-gateway"],
        http: [
          {
            match: [{ uri: { exact: "/productpage" } }],
            route: [{ destination: { host: "productpage", port: { number: 9080 } } }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it("requires at least one of http, tcp or tls", () => {
    expect(errors(vs({ hosts: ["reviews"] }))).toEqual(["http, tcp or tls must be provided in virtual service"]);
  });

  it("reports duplicate hosts, including wildcard overlaps", () => {
    const found = vs({ hosts: ["reviews", "reviews"], http: [{ route: [route("v1")] }] });
    expect(errors(found)).toEqual(["duplicate hosts in virtual service: reviews & reviews"]);
    expect(found[0]?.path).toBe("spec/hosts[1]");
    expect(errors(vs({ hosts: ["*.example.com", "a.example.com"], http: [{ route: [route("v1")] }] }))).toEqual([
      "duplicate hosts in virtual service: *.example.com & a.example.com",
    ]);
  });

  it("refuses a bare * host on the mesh gateway and malformed hosts", () => {
    expect(errors(vs({ hosts: ["*"], http: [{ route: [route("v1")] }] }))).toEqual([
      "wildcard host * is not allowed for virtual services bound to the mesh gateway",
    ]);
    expect(errors(vs({ hosts: ["re_views"], http: [{ route: [route("v1")] }] }))).toEqual([
      'domain name "re_views" invalid (label "re_views" invalid)',
    ]);
  });
});

describe("VirtualService route destinations", () => {
  it("accepts an 80/20 split", () => {
    expect(vs({ hosts: ["reviews"], http: [{ route: [route("v1", 80), route("v2", 20)] }] })).toEqual([]);
  });

  it("reports negative weights and a zero total, at the weight's path", () => {
    const found = vs({ hosts: ["reviews"], http: [{ route: [route("v1", -1), route("v2", 1)] }] });
    expect(errors(found)).toEqual(["weight -1 < 0", "total destination weight = 0"]);
    expect(found[0]?.path).toBe("spec/http[0]/route[0]/weight");
  });

  it("reports an empty subset name and a missing route", () => {
    expect(
      errors(vs({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "" } }] }] })),
    ).toEqual([]);
    expect(
      errors(vs({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "V1" } }] }] })),
    ).toEqual(["subset name is invalid: V1"]);
    expect(errors(vs({ hosts: ["reviews"], http: [{ match: [{ uri: { prefix: "/" } }] }] }))).toEqual([
      "HTTP route, redirect or direct_response is required",
    ]);
  });

  it("requires the destination of every weighted route", () => {
    expect(errors(vs({ hosts: ["reviews"], http: [{ route: [{ weight: 100 }] }] }))).toEqual([
      "destination is required",
    ]);
  });
});

describe("VirtualService faults", () => {
  it("accepts the ratings-test-delay fault", () => {
    expect(
      vs({
        hosts: ["ratings"],
        http: [{ fault: { delay: { percentage: { value: 100 }, fixedDelay: "7s" } }, route: [route("v1")] }],
      }),
    ).toEqual([]);
  });

  it("reports a fault with neither abort nor delay", () => {
    expect(errors(vs({ hosts: ["ratings"], http: [{ fault: {}, route: [route("v1")] }] }))).toEqual([
      "HTTP fault injection must have an abort and/or a delay",
    ]);
  });

  it("reports a bad status, percentage and delay", () => {
    const found = vs({
      hosts: ["ratings"],
      http: [
        {
          fault: {
            abort: { httpStatus: 700, percentage: { value: 101 } },
            delay: { fixedDelay: "0.5ms", percentage: { value: 0.00001 } },
          },
          route: [route("v1")],
        },
      ],
    });
    expect(errors(found)).toEqual([
      "percentage 101 is neither 0.0, nor in range [0.0001, 100.0]",
      "HTTP status 700 is not in range 200-599",
      "percentage 0.00001 is neither 0.0, nor in range [0.0001, 100.0]",
      "duration must be greater than 1ms",
    ]);
    expect(found[1]?.path).toBe("spec/http[0]/fault/abort/httpStatus");
  });

  it("warns when an abort has no error type", () => {
    expect(
      warnings(
        vs({ hosts: ["ratings"], http: [{ fault: { abort: { percentage: { value: 10 } } }, route: [route("v1")] }] }),
      ),
    ).toEqual(["abort configured, but error type not set"]);
  });
});

describe("VirtualService retries, timeouts and mirrors", () => {
  it("accepts retries with a per-try timeout and a route timeout", () => {
    expect(
      vs({
        hosts: ["reviews"],
        http: [
          {
            timeout: "10s",
            retries: { attempts: 3, perTryTimeout: "2s", retryOn: "5xx,connect-failure,503" },
            route: [route("v1")],
          },
        ],
      }),
    ).toEqual([]);
  });

  it("reports negative attempts, unknown retryOn and a sub-millisecond timeout", () => {
    expect(
      errors(
        vs({
          hosts: ["reviews"],
          http: [{ timeout: "0s", retries: { attempts: -1, retryOn: "sometimes" }, route: [route("v1")] }],
        }),
      ),
    ).toEqual([
      "attempts cannot be negative",
      '"sometimes" is not a valid retryOn policy',
      "duration must be greater than 1ms",
    ]);
    expect(
      errors(
        vs({ hosts: ["reviews"], http: [{ retries: { attempts: 0, perTryTimeout: "1s" }, route: [route("v1")] }] }),
      ),
    ).toEqual(["http retry policy configured when attempts are set to 0 (disabled)"]);
  });

  it("reports a mirror percentage above 100 the way istiod prints it", () => {
    expect(
      errors(
        vs({
          hosts: ["reviews"],
          http: [{ mirror: { host: "reviews", subset: "v2" }, mirrorPercentage: { value: 150 }, route: [route("v1")] }],
        }),
      ),
    ).toEqual(["mirror_percentage must have a max value of 100 (it has 150.000000)"]);
    expect(
      errors(
        vs({
          hosts: ["reviews"],
          http: [
            { mirror: { host: "reviews" }, mirrors: [{ destination: { host: "reviews" } }], route: [route("v1")] },
          ],
        }),
      ),
    ).toEqual(["HTTP route cannot contain both mirror and mirrors"]);
  });
});

describe("VirtualService regexes and durations istiod cannot use", () => {
  const re2 = "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";

  it("compiles every StringMatch regex with RE2 and refuses one Go cannot parse, in istiod's words", () => {
    const match = {
      uri: { regex: "((" },
      headers: { "x-user": { regex: "a(?=b)" } },
      queryParams: { q: { regex: "[z-a]" } },
      method: { regex: "GET|POST" },
    };
    const found = vs({ hosts: ["reviews"], http: [{ match: [match], route: [route("v1")] }] });
    expect(errors(found)).toEqual([
      `"headers": error parsing regexp: invalid or unsupported Perl syntax: \`(?=\`${re2}`,
      `"uri": error parsing regexp: missing closing ): \`((\`${re2}`,
      `"queryParams": error parsing regexp: invalid character class range: \`z-a\`${re2}`,
    ]);
    expect(found[1]?.path).toBe("spec/http[0]/match[0]/uri");
  });

  it("refuses bad regexes in withoutHeaders, scheme, authority, CORS origins and regex rewrites", () => {
    const found = vs({
      hosts: ["reviews"],
      http: [
        {
          match: [{ withoutHeaders: { a: { regex: "((" } }, scheme: { regex: "((" }, authority: { regex: "((" } }],
          corsPolicy: { allowOrigins: [{ regex: "((" }] },
          rewrite: { uriRegexRewrite: { match: "((", rewrite: "/" } },
          route: [route("v1")],
        },
      ],
    });
    expect(errors(found).map((m) => m.split(":")[0])).toEqual([
      '"withoutHeaders"',
      '"scheme"',
      '"authority"',
      '"corsPolicy.allowOrigins"',
      'UriRegexRewrite has errors\n"HTTPRewrite.UriRegexRewrite.Match"',
    ]);
  });

  it("checks the retry backoff and the CORS maxAge as durations, maxAge to the second", () => {
    const found = vs({
      hosts: ["reviews"],
      http: [
        {
          retries: { attempts: 2, backoff: "99999999999999999999h" },
          corsPolicy: { maxAge: "1.5s" },
          route: [route("v1")],
        },
      ],
    });
    expect(errors(found)).toEqual([
      "max_age duration is accurate only to seconds precision",
      'time: invalid duration "99999999999999999999h"',
    ]);
  });

  it("refuses a fixedDelay beyond what Go's time.ParseDuration can hold", () => {
    const found = vs({
      hosts: ["ratings"],
      http: [
        { fault: { delay: { percentage: { value: 100 }, fixedDelay: "99999999999999999999h" } }, route: [route("v1")] },
      ],
    });
    expect(errors(found)).toEqual(['time: invalid duration "99999999999999999999h"']);
    expect(found[0]?.path).toBe("spec/http[0]/fault/delay/fixedDelay");
  });
});

describe("VirtualService unreachable rules", () => {
  it("warns about a rule after a catch-all and about repeated matches", () => {
    const found = vs({
      hosts: ["details"],
      http: [
        { route: [route("v1")] },
        { route: [route("v2")] },
        { match: [{ headers: { "end-user": { exact: "jason" } } }], route: [route("v1")] },
        { match: [{ headers: { "end-user": { exact: "jason" } } }], route: [route("v2")] },
      ],
    });
    expect(errors(found)).toEqual([]);
    expect(warnings(found)).toEqual([
      "virtualService rule #1 not used (only the last rule can have no matches)",
      "virtualService rule #3 match #0 is not used (duplicate/overlapping match in rule #2)",
      "virtualService rule #3 not used (all matches used by prior rules)",
    ]);
  });
});

describe("VirtualService TCP and TLS routes", () => {
  it("accepts the tcp-echo 80/20 split", () => {
    expect(
      vs({
        hosts: ["tcp-echo"],
        tcp: [
          {
            match: [{ port: 9000 }],
            route: [
              { destination: { host: "tcp-echo", subset: "v1" }, weight: 80 },
              { destination: { host: "tcp-echo", subset: "v2" }, weight: 20 },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it("requires a TCP route and SNI hosts on TLS routes", () => {
    expect(errors(vs({ hosts: ["tcp-echo"], tcp: [{ match: [{ port: 9000 }] }] }))).toEqual(["TCP route is required"]);
    expect(
      errors(
        vs({
          hosts: ["a.example.com"],
          tls: [{ match: [{ sniHosts: ["b.example.com"] }], route: [{ destination: { host: "a.example.com" } }] }],
        }),
      ),
    ).toEqual([
      'SNI host "b.example.com" is not a compatible subset of any of the virtual service hosts: [a.example.com]',
    ]);
  });
});
