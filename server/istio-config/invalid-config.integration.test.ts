/**
 * Issue 14: invalid config never leaves the console. The editor's PUT and two wizards are
 * called as Next.js calls them, against the simulated cluster and a real SQLite file, with
 * values kube-apiserver or istiod refuse; each answer is a 400 that says why, and neither
 * the cluster nor the audit log changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as wizardPost } from "@/app/api/traffic/[namespace]/[service]/[wizard]/route";
import { POST as editorCreate } from "@/app/api/istio/objects/route";
import { PUT as editorPut } from "@/app/api/istio/objects/[namespace]/[kind]/[name]/route";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

interface ApiAnswer {
  status: number;
  body: { error?: { code: string; message: string } };
}

describe("the console refuses config kube-apiserver or istiod would refuse", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let connection: KubeConnection;
  const reviewsRef = { kind: "VirtualService", namespace: "bookinfo", name: "reviews" };

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("invalid-config", (paths) => startSimulator({ port: 0, ...paths }));
    ({ connection } = consoleEnv);
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  async function answer(response: Response): Promise<ApiAnswer> {
    return { status: response.status, body: (await response.json()) as ApiAnswer["body"] };
  }

  /** The live reviews VirtualService and the audit log's size: if neither moves, nothing was written. */
  async function snapshot(): Promise<{ resourceVersion: string | undefined; audit: number }> {
    const live = await getIstioObject(connection, reviewsRef);
    return { resourceVersion: live?.metadata.resourceVersion, audit: (await listAuditEntries(getDb(), {})).length };
  }

  async function editReviews(metadata: string, rule: string, weight = "100"): Promise<ApiAnswer> {
    const live = await getIstioObject(connection, reviewsRef);
    const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
${metadata}spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: ${weight}
${rule}`;
    const request = new Request("http://localhost/api/istio/objects/bookinfo/VirtualService/reviews", {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ yaml, baseResourceVersion: live?.metadata.resourceVersion }),
    });
    return answer(
      await editorPut(request, {
        params: Promise.resolve({ namespace: "bookinfo", kind: "VirtualService", name: "reviews" }),
      }),
    );
  }

  async function runWizard(wizard: string, input: unknown): Promise<ApiAnswer> {
    const request = new Request(`http://localhost/api/traffic/bookinfo/reviews/${wizard}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input }),
    });
    return answer(
      await wizardPost(request, { params: Promise.resolve({ namespace: "bookinfo", service: "reviews", wizard }) }),
    );
  }

  beforeAll(async () => {
    // A live reviews VirtualService to edit, made the ordinary way.
    const made = await runWizard("traffic-shifting", {
      routes: [
        { subset: "v1", weight: 50 },
        { subset: "v2", weight: 50 },
      ],
    });
    expect(made.status).toBe(200);
  });

  const cases: [string, { metadata?: string; rule?: string; weight?: string }, string][] = [
    [
      'weight "50"',
      { weight: '"50"' },
      'spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
    ],
    [
      "weight 50.5",
      { weight: "50.5" },
      'spec.http[0].route[0].weight: Invalid value: "float64": spec.http[0].route[0].weight in body must be of type int32: "float64"',
    ],
    [
      "weight 1e20",
      { weight: "1e20" },
      'spec.http[0].route[0].weight: Invalid value: "float64": spec.http[0].route[0].weight in body must be of type int32: "float64"',
    ],
    [
      "a markup label value",
      { metadata: "  labels:\n    app: '<img src=x onerror=alert(1)>'\n" },
      'metadata.labels: Invalid value: "<img src=x onerror=alert(1)>": a valid label must be an empty string',
    ],
    ["an unknown field", { rule: "    foo: bar\n" }, 'unknown field "spec.http[0].foo"'],
    [
      "a regex RE2 cannot compile",
      { rule: "    match:\n    - uri: {regex: '(('}\n" },
      '"uri": error parsing regexp: missing closing ): `((`; Istio uses RE2 style regex-based match',
    ],
    [
      "a fixedDelay beyond Go's durations",
      { rule: "    fault:\n      delay: {fixedDelay: 99999999999999999999h, percentage: {value: 100}}\n" },
      'time: invalid duration "99999999999999999999h"',
    ],
    [
      "a finalizer the live object does not have",
      { metadata: "  finalizers: [example.com/block-delete]\n" },
      'metadata.finalizers adds "example.com/block-delete" — finalizers keep an object from being deleted',
    ],
    [
      "an owner reference the live object does not have",
      {
        metadata:
          "  ownerReferences:\n  - {apiVersion: apps/v1, kind: Deployment, name: reviews-v1, uid: 0b5e-owner}\n",
      },
      "metadata.ownerReferences adds Deployment reviews-v1 — an owner makes the garbage collector delete this object with it",
    ],
  ];

  it.each(cases)(
    "the editor's PUT refuses %s with a 400 that says why, and writes nothing",
    async (_what, edit, message) => {
      const before = await snapshot();
      const result = await editReviews(edit.metadata ?? "", edit.rule ?? "", edit.weight);
      expect(result.status).toBe(400);
      expect(result.body.error?.code).toBe("bad_request");
      expect(result.body.error?.message).toContain(message);
      expect(await snapshot()).toEqual(before);
    },
  );

  it("the editor's create refuses an AuthorizationPolicy with a field its CRD does not declare under rules, and writes nothing", async () => {
    const before = await snapshot();
    const yaml = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ratings-viewer
  namespace: bookinfo
spec:
  selector: {matchLabels: {app: ratings}}
  action: ALLOW
  rules:
  - from:
    - source: {principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews]}
    paths: [/ratings]
`;
    const request = new Request("http://localhost/api/istio/objects", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ yaml, namespace: "bookinfo" }),
    });
    const result = await answer(await editorCreate(request));
    expect(result.status).toBe(400);
    expect(result.body.error?.code).toBe("bad_request");
    expect(result.body.error?.message).toContain('unknown field "spec.rules[0].paths"');
    expect(
      await getIstioObject(connection, { kind: "AuthorizationPolicy", namespace: "bookinfo", name: "ratings-viewer" }),
    ).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });

  it("the request-routing wizard refuses a URI regex RE2 cannot compile, and writes nothing", async () => {
    const before = await snapshot();
    const result = await runWizard("request-routing", {
      rules: [
        {
          matches: [{ headers: [], uri: { type: "regex", value: "((" }, method: null }],
          routes: [{ subset: "v2", weight: 100 }],
        },
        { matches: [], routes: [{ subset: "v1", weight: 100 }] },
      ],
    });
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toContain('"uri": error parsing regexp: missing closing ): `((`');
    expect(await snapshot()).toEqual(before);
  });

  it("the fault-injection wizard refuses a fixedDelay beyond Go's durations, and writes nothing", async () => {
    const before = await snapshot();
    const result = await runWizard("fault-injection", {
      target: { kind: "all" },
      delay: { fixedDelay: "99999999999999999999h", percentage: 100 },
      abort: null,
    });
    expect(result.status).toBe(400);
    expect(result.body.error?.message).toContain('time: invalid duration "99999999999999999999h"');
    expect(await snapshot()).toEqual(before);
  });
});
