/**
 * Every mutating API route (POST, PUT, PATCH, DELETE under app/api) as data for the fuzz
 * test, which pairs each with its handler (server/ code never imports app/): its URL
 * pattern, realistic values for its path params, a valid body to mutate, and — for the routes that write — how a
 * request that passes the contract is
 * turned into one that cannot change anything (`disarm`), so the fuzzer never generates a
 * valid change:
 *   - creates go to a namespace that does not exist (`fuzz-absent`);
 *   - updates, deletes, injection toggles and rollbacks carry a resourceVersion no object has
 *     (`fuzz-stale`; the simulator's are numbers), and rollbacks name an entry that does not
 *     exist;
 *   - wizard applies and experiment creates name a service or namespace that does not exist;
 *   - AuthorizationPolicy applies, replays and generations name a namespace that does not exist
 *     (replays and generations write nothing, but would ask Prometheus, which the fuzz test does not run).
 * Routes that write nothing (validate, the previews' dry-runs, rebase, the graph's layout) keep valid requests.
 */
import type { z } from "zod";
import { rollbackRequestSchema } from "@/lib/contracts/audit";
import { createExperimentRequestSchema, experimentCommands } from "@/lib/contracts/experiments";
import { exposeRequestSchema } from "@/lib/contracts/expose";
import { injectionChangeSchema } from "@/lib/contracts/inventory";
import { applyPolicyRequestSchema, generateRequestSchema, replayRequestSchema } from "@/lib/contracts/security";
import { createBodySchema, updateBodySchema } from "@/lib/contracts/istio-objects";
import { wizardIdSchema, wizardIds, wizardRequestSchema, type WizardId } from "@/lib/contracts/traffic";

export const absentName = "fuzz-absent";
export const staleVersion = "fuzz-stale";

export interface FuzzTarget {
  params: Record<string, string>;
  /** The parsed body, when it is JSON. */
  body: unknown;
  /** The query string as sent, `?` included (or empty). */
  query: string;
}

export interface MutatingEndpoint {
  /** The route file under app/api and the method, e.g. `istio/objects/[namespace]/[kind]/[name]` PUT. */
  route: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  name: string;
  /** Realistic values per path param; the fuzzer mixes them with hostile segments. */
  params: Record<string, readonly string[]>;
  /** A valid body (undefined: the route reads none). */
  template?: Record<string, unknown>;
  /** For routes that write: a request that passes the contract, made harmless (see above). */
  disarm?: (target: FuzzTarget) => FuzzTarget;
}

const vsYaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 100
`;
const objectRef = { namespace: "bookinfo", kind: "VirtualService", name: "reviews" };
const objectParams = {
  namespace: ["bookinfo", "istio-system", absentName],
  kind: ["VirtualService", "virtualservices", "dr", "Bogus"],
  name: ["reviews", "bookinfo", absentName],
};

/**
 * When `schema` accepts the body, `change` gets what the route will read (the parsed body:
 * unknown fields, however deep, already dropped); otherwise the request is already refused.
 */
const whenValid =
  (schema: (params: Record<string, string>) => z.ZodType, change: (target: FuzzTarget) => FuzzTarget) =>
  (target: FuzzTarget): FuzzTarget => {
    const parsed = schema(target.params).safeParse(target.body);
    return parsed.success ? change({ ...target, body: parsed.data }) : target;
  };
const withBody = (target: FuzzTarget, patch: Record<string, unknown>) => ({
  ...target,
  body: { ...(target.body as Record<string, unknown>), ...patch },
});

const wizardTemplates: Record<WizardId, Record<string, unknown>> = {
  "traffic-shifting": {
    input: {
      routes: [
        { subset: "v1", weight: 90 },
        { subset: "v2", weight: 10 },
      ],
    },
    base: { virtualService: null, destinationRule: "1" },
    comment: "fuzz",
  },
  "tcp-traffic-shifting": { input: { routes: [{ subset: null, weight: 100 }] } },
  "request-routing": {
    input: {
      rules: [
        {
          sourceIndex: 0,
          matches: [
            {
              headers: [{ name: "end-user", type: "exact", value: "jason" }],
              uri: { type: "prefix", value: "/" },
              method: "GET",
            },
          ],
          routes: [{ subset: "v2", weight: 100 }],
        },
      ],
    },
  },
  "fault-injection": {
    input: {
      target: { kind: "header", name: "end-user", type: "regex", value: "ja.*" },
      delay: { fixedDelay: "2s", percentage: 50 },
      abort: { httpStatus: 503, percentage: 10 },
    },
  },
  "timeouts-retries": {
    input: {
      target: { kind: "all" },
      timeout: "1m30s",
      retries: { attempts: 3, perTryTimeout: "500ms", retryOn: "5xx" },
    },
  },
  "circuit-breaker": {
    input: {
      maxConnections: 10,
      http1MaxPendingRequests: 1,
      maxRequestsPerConnection: 1,
      consecutive5xxErrors: 5,
      interval: "10s",
      baseEjectionTime: "30s",
      maxEjectionPercent: 100,
    },
  },
  mirroring: { input: { target: { kind: "all" }, mirror: { subset: "v2", percentage: 100 } } },
};

const wizardEndpoints = wizardIds.flatMap((wizard): MutatingEndpoint[] => {
  const params = { namespace: ["bookinfo", absentName], service: ["reviews", "ratings", absentName], wizard: [wizard] };
  return [
    {
      route: "traffic/[namespace]/[service]/[wizard]/preview",
      method: "POST",
      name: `wizard ${wizard} preview`,
      params,
      template: wizardTemplates[wizard],
    },
    {
      route: "traffic/[namespace]/[service]/[wizard]",
      method: "POST",
      name: `wizard ${wizard} apply`,
      params,
      template: wizardTemplates[wizard],
      disarm: whenValid(
        (p) => wizardRequestSchema(wizardIdSchema.catch(wizard).parse(p.wizard)),
        (t) => ({ ...t, params: { ...t.params, service: absentName } }),
      ),
    },
  ];
});

const exposeParams = { namespace: ["httpbin", absentName], service: ["httpbin", absentName] };
const exposeTemplate = {
  input: { protocol: "HTTPS", host: "httpbin.example.com", servicePort: 8000, credentialName: "httpbin-credential" },
  comment: "fuzz",
};
const exposeEndpoints: MutatingEndpoint[] = [
  {
    route: "expose/[namespace]/[service]/preview",
    method: "POST",
    name: "expose service preview",
    params: exposeParams,
    template: exposeTemplate,
  },
  {
    route: "expose/[namespace]/[service]",
    method: "POST",
    name: "expose service apply",
    params: exposeParams,
    template: exposeTemplate,
    disarm: whenValid(
      () => exposeRequestSchema,
      (t) => ({ ...t, params: { ...t.params, service: absentName } }),
    ),
  },
];

const faultSpec = {
  kind: "fault",
  namespace: "bookinfo",
  service: "ratings",
  match: [{ header: "end-user", op: "exact", value: "jason" }],
  abort: { httpStatus: 500, percent: 100 },
  durationSeconds: 60,
  hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 95 },
};

const policyForm = {
  namespace: "bookinfo",
  name: "reviews-viewer",
  action: "ALLOW",
  selector: { app: "reviews" },
  principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"],
  paths: ["/reviews/*"],
};
const policyInAbsentNamespace = (t: FuzzTarget) =>
  withBody(t, { policy: { ...(t.body as { policy: Record<string, unknown> }).policy, namespace: absentName } });

const securityEndpoints: MutatingEndpoint[] = [
  {
    route: "security/authorization/replay",
    method: "POST",
    name: "authorization replay",
    params: {},
    template: { policy: policyForm, windowSeconds: 600 },
    disarm: whenValid(() => replayRequestSchema, policyInAbsentNamespace),
  },
  {
    route: "security/authorization/generate",
    method: "POST",
    name: "authorization generate",
    params: {},
    template: { namespace: "bookinfo", workload: "reviews-v1", windowSeconds: 600 },
    disarm: whenValid(
      () => generateRequestSchema,
      (t) => withBody(t, { namespace: absentName }),
    ),
  },
  {
    route: "security/authorization/preview",
    method: "POST",
    name: "authorization policy preview",
    params: {},
    template: { policy: policyForm, comment: "fuzz" },
  },
  {
    route: "security/authorization/apply",
    method: "POST",
    name: "authorization policy apply",
    params: {},
    template: { policy: policyForm, comment: "fuzz" },
    disarm: whenValid(() => applyPolicyRequestSchema, policyInAbsentNamespace),
  },
];

export const mutatingEndpoints: MutatingEndpoint[] = [
  {
    route: "istio/objects",
    method: "POST",
    name: "istio object create",
    params: {},
    template: { yaml: vsYaml, namespace: "bookinfo" },
    disarm: whenValid(
      () => createBodySchema,
      (t) => withBody(t, { namespace: absentName }),
    ),
  },
  {
    route: "istio/objects/[namespace]/[kind]/[name]",
    method: "PUT",
    name: "istio object update",
    params: objectParams,
    template: { yaml: vsYaml, baseResourceVersion: "1" },
    disarm: whenValid(
      () => updateBodySchema,
      (t) => withBody(t, { baseResourceVersion: staleVersion }),
    ),
  },
  {
    route: "istio/objects/[namespace]/[kind]/[name]",
    method: "DELETE",
    name: "istio object delete",
    params: objectParams,
    // The query carries the resourceVersion; the simulator's are numbers, so none is left.
    disarm: (t) =>
      new URLSearchParams(t.query).getAll("resourceVersion").some((v) => /^\s*\d+\s*$/.test(v))
        ? { ...t, query: `?resourceVersion=${staleVersion}` }
        : t,
  },
  {
    route: "istio/objects/validate",
    method: "POST",
    name: "istio object validate",
    params: {},
    template: { yaml: vsYaml, target: objectRef },
  },
  {
    route: "istio/objects/preview",
    method: "POST",
    name: "istio object preview",
    params: {},
    template: { mode: "update", yaml: vsYaml, target: objectRef, baseResourceVersion: "1" },
  },
  {
    route: "istio/objects/rebase",
    method: "POST",
    name: "istio object rebase",
    params: {},
    template: {
      base: vsYaml,
      mine: vsYaml.replace("v1", "v2"),
      theirs: vsYaml.replace("100", "90"),
      choices: { "spec.http[0]": "mine" },
    },
  },
  ...wizardEndpoints,
  ...securityEndpoints,
  ...exposeEndpoints,
  {
    route: "audit/[id]/rollback",
    method: "POST",
    name: "audit rollback",
    params: { id: ["cm0000000000000000000000", absentName] },
    template: { to: "before", baseResourceVersion: null, comment: "fuzz" },
    disarm: whenValid(
      () => rollbackRequestSchema,
      (t) => ({
        ...t,
        params: { ...t.params, id: absentName },
        body: { ...(t.body as Record<string, unknown>), baseResourceVersion: staleVersion },
      }),
    ),
  },
  {
    route: "audit/[id]/rollback/preview",
    method: "POST",
    name: "audit rollback preview",
    params: { id: ["cm0000000000000000000000", absentName] },
    template: { to: "before", baseResourceVersion: null },
  },
  {
    route: "experiments",
    method: "POST",
    name: "experiment create",
    params: {},
    template: { spec: faultSpec },
    disarm: whenValid(
      () => createExperimentRequestSchema,
      (t) => withBody(t, { spec: { ...(t.body as { spec: Record<string, unknown> }).spec, namespace: absentName } }),
    ),
  },
  // No experiment exists (every create is refused), so no command can reach one.
  {
    route: "experiments/[id]/[command]",
    method: "POST",
    name: "experiment command",
    params: { id: [absentName, "cm0000000000000000000000"], command: experimentCommands },
  },
  {
    route: "namespaces/[namespace]/sidecar-injection",
    method: "PATCH",
    name: "namespace sidecar injection",
    params: { namespace: ["bookinfo", "httpbin", absentName] },
    template: { enabled: true, resourceVersion: "1" },
    disarm: whenValid(
      () => injectionChangeSchema,
      (t) => withBody(t, { resourceVersion: staleVersion }),
    ),
  },
  {
    route: "namespaces/[namespace]/[kind]/[name]/sidecar-injection",
    method: "PATCH",
    name: "workload sidecar injection",
    params: {
      namespace: ["bookinfo", absentName],
      kind: ["workloads", "services", "applications"],
      name: ["reviews-v1", "productpage-v1", absentName],
    },
    template: { enabled: null, resourceVersion: "1" },
    disarm: whenValid(
      () => injectionChangeSchema,
      (t) => withBody(t, { resourceVersion: staleVersion }),
    ),
  },
  // Sign-in and sign-out change no cluster object; under the fuzz test's anonymous strategy
  // sign-in is off (400) and sign-out only empties a cookie.
  {
    route: "auth/sign-in",
    method: "POST",
    name: "token sign-in",
    params: {},
    template: { token: "topsail-demo-alice" },
  },
  { route: "auth/sign-out", method: "POST", name: "sign-out", params: {} },
  {
    route: "graph/layout",
    method: "POST",
    name: "graph layout",
    params: {},
    template: {
      nodes: [
        { id: "productpage-v1", namespace: "bookinfo", label: "productpage" },
        { id: "reviews-v1", group: "reviews", namespace: "bookinfo", label: "v1", order: "v1" },
      ],
      edges: [{ id: "e1", source: "productpage-v1", target: "reviews-v1" }],
    },
  },
];
