/**
 * Issue 22's acceptance for the request explainer, through the API route against the
 * simulator with the guides' routing applied (jason → reviews v2, 50/50 v1/v3 for everyone
 * else, a 7 s delay on ratings for jason): the answer is read from the console's cluster cache
 * and decided by the same evaluator the simulator routes with (lib/istio/routing).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as explainGet } from "@/app/api/namespaces/[namespace]/explain-request/route";
import { POST as createObjectPost } from "@/app/api/istio/objects/route";
import { requestExplanationSchema, requestExplanationUrl } from "@/lib/contracts/request-explanation";
import { JASON_V2_SPLIT_AND_DELAY } from "@/lib/istio/routing/test-support/bookinfo-samples";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

describe("the request explainer against the simulated mesh", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("explain-request", (paths) =>
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH, metricsPort: 0 }),
    );
    for (const yaml of JASON_V2_SPLIT_AND_DELAY.split(/^---$/m)) {
      const created = await createObjectPost(
        new Request("http://localhost/api/istio/objects", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ yaml, namespace: "bookinfo" }),
        }),
      );
      expect(created.status, await created.clone().text()).toBe(201);
    }
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  const ask = async (namespace: string, url: string) => {
    const response = await explainGet(new Request(`http://localhost${url}`), {
      params: Promise.resolve({ namespace }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  const explain = async (headers: Record<string, string>) => {
    const { status, body } = await ask(
      "bookinfo",
      requestExplanationUrl("bookinfo", {
        sourceWorkload: "productpage-v1",
        host: "reviews",
        path: "/reviews/0",
        headers,
      }),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    return requestExplanationSchema.parse(body);
  };

  it("jason's request to reviews: the header rule, v2 at 100 %, and the 7 s delay on the next hop to ratings", async () => {
    const answer = await explain({ "end-user": "jason" });
    const [first, ...next] = answer.hops;
    expect(first?.rules.map((r) => [r.index, r.matched, r.reasons])).toEqual([
      [0, true, ['header end-user: exact "jason"']],
    ]);
    expect(first?.destinations.map((d) => [d.subset, d.probability, d.problem])).toEqual([["v2", 1, undefined]]);
    expect(first?.destinations[0]?.pods.length).toBeGreaterThan(0);
    const ratings = next.find((h) => h.source.workload === "reviews-v2");
    expect(ratings?.request).toMatchObject({
      host: "ratings.bookinfo.svc.cluster.local",
      headers: { "end-user": "jason" },
    });
    expect(ratings?.fault?.delay).toEqual({ ms: 7000, percent: 100 });
  });

  it("anyone else's: the catch-all rule at 50/50, and rule 0's reason names the end-user header", async () => {
    const answer = await explain({ "end-user": "bob" });
    const [first] = answer.hops;
    expect(first?.rules.map((r) => [r.index, r.matched])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(first?.rules[0]?.reasons).toEqual(['header end-user: exact "jason" — the request\'s end-user is "bob"']);
    expect(first?.destinations.map((d) => [d.subset, d.probability])).toEqual([
      ["v1", 0.5],
      ["v3", 0.5],
    ]);
  });

  it("says what to fix: a bad port is 400, an unknown workload 404 naming it", async () => {
    const badPort = await ask(
      "bookinfo",
      "/api/namespaces/bookinfo/explain-request?sourceWorkload=productpage-v1&host=reviews&port=x",
    );
    expect(badPort.status).toBe(400);
    expect(JSON.stringify(badPort.body)).toMatch(/port is a number/);
    const unknown = await ask(
      "bookinfo",
      requestExplanationUrl("bookinfo", { sourceWorkload: "nosuch", host: "reviews" }),
    );
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/no workload \\"nosuch\\" in namespace \\"bookinfo\\"/);
  });
});
