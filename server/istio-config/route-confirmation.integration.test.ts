/**
 * Issue 21: a change that sends traffic nowhere is applied only on the user's explicit word.
 * The editor's PUT and the traffic-shifting wizard are called as Next.js calls them, against
 * the simulated cluster and a real SQLite file: a route to a subset no DestinationRule defines,
 * and one to a subset whose labels select no running pod (IST0173, 503 UH), are refused with a
 * 409 that names subset and service in words, writing nothing; the same request with
 * `confirm` naming the risk is applied.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as wizardPost } from "@/app/api/traffic/[namespace]/[service]/[wizard]/route";
import { PUT as editorPut } from "@/app/api/istio/objects/[namespace]/[kind]/[name]/route";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

interface ApiAnswer {
  status: number;
  body: { error?: { code: string; message: string; details?: { routeRisks?: unknown[] } } };
}

describe("a route to a subset that cannot serve needs the user's confirmation", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let connection: KubeConnection;
  const reviewsRef = { kind: "VirtualService", namespace: "bookinfo", name: "reviews" };

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("route-confirmation", (paths) => startSimulator({ port: 0, ...paths }));
    ({ connection } = consoleEnv);
    // A live reviews VirtualService to edit, made the ordinary way.
    const made = await runWizard({ routes: [{ subset: "v1", weight: 100 }] });
    expect(made.status).toBe(200);
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  async function answer(response: Response): Promise<ApiAnswer> {
    return { status: response.status, body: (await response.json()) as ApiAnswer["body"] };
  }

  async function snapshot() {
    const live = await getIstioObject(connection, reviewsRef);
    return { resourceVersion: live?.metadata.resourceVersion, audit: (await listAuditEntries(getDb(), {})).length };
  }

  /** The editor's PUT of `kind` bookinfo/reviews with this spec (JSON is YAML too). */
  async function editReviews(kind: string, spec: unknown, confirm?: string[]): Promise<ApiAnswer> {
    const live = await getIstioObject(connection, { ...reviewsRef, kind });
    const yaml = JSON.stringify({
      apiVersion: "networking.istio.io/v1",
      kind,
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec,
    });
    const request = new Request(`http://localhost/api/istio/objects/bookinfo/${kind}/reviews`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ yaml, baseResourceVersion: live?.metadata.resourceVersion, confirm }),
    });
    return answer(
      await editorPut(request, { params: Promise.resolve({ namespace: "bookinfo", kind, name: "reviews" }) }),
    );
  }

  const editReviewsTo = (subset: string, confirm?: string[]) =>
    editReviews(
      "VirtualService",
      { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset } }] }] },
      confirm,
    );

  async function runWizard(input: unknown, confirm?: string[]): Promise<ApiAnswer> {
    const request = new Request("http://localhost/api/traffic/bookinfo/reviews/traffic-shifting", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ input, confirm }),
    });
    return answer(
      await wizardPost(request, {
        params: Promise.resolve({ namespace: "bookinfo", service: "reviews", wizard: "traffic-shifting" }),
      }),
    );
  }

  it("the editor refuses a route to subset v9, which no DestinationRule defines, and writes nothing", async () => {
    const before = await snapshot();
    const result = await editReviewsTo("v9");
    expect(result.status).toBe(409);
    expect(result.body.error?.code).toBe("confirmation_required");
    expect(result.body.error?.message).toContain(
      "subset v9 of reviews (bookinfo) is not defined in any DestinationRule",
    );
    expect(result.body.error?.message).not.toContain("svc.cluster.local+");
    expect(result.body.error?.details?.routeRisks).toEqual([
      expect.objectContaining({ kind: "missing-subset", subset: "v9" }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("the editor applies the same route once the user confirms the missing subset", async () => {
    const result = await editReviewsTo("v9", ["missing-subset"]);
    expect(result.status).toBe(200);
    const live = await getIstioObject(connection, reviewsRef);
    expect(JSON.stringify(live?.spec)).toContain('"subset":"v9"');
  });

  it("a malformed confirmation is refused by the request's schema", async () => {
    const result = await editReviewsTo("v1", ["whatever"]);
    expect(result.status).toBe(400);
  });

  it("the traffic-shifting wizard refuses a split to v4, whose labels select no running pod, then applies it when confirmed", async () => {
    // Back to a route that serves, so only the wizard's change is judged.
    expect((await editReviewsTo("v1")).status).toBe(200);
    // A subset v4 that nothing routes to yet selects no pod: bookinfo runs reviews v1 to v3 only.
    const dr = await getIstioObject(connection, { ...reviewsRef, kind: "DestinationRule" });
    const subsets = (dr?.spec as { subsets: unknown[] }).subsets;
    const withV4 = { ...dr?.spec, subsets: [...subsets, { name: "v4", labels: { version: "v4" } }] };
    expect((await editReviews("DestinationRule", withV4)).status).toBe(200);
    const before = await snapshot();
    const input = {
      routes: [
        { subset: "v1", weight: 90 },
        { subset: "v4", weight: 10 },
      ],
    };
    const refused = await runWizard(input);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe("confirmation_required");
    expect(refused.body.error?.message).toContain(
      "subset v4 of reviews (bookinfo) selects no running pods: requests routed to it fail with 503 UH",
    );
    expect(await snapshot()).toEqual(before);

    const applied = await runWizard(input, ["subset-without-pods"]);
    expect(applied.status).toBe(200);
    const live = await getIstioObject(connection, reviewsRef);
    expect(JSON.stringify(live?.spec)).toContain('"subset":"v4"');
  });
});
