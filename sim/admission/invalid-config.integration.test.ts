/**
 * Issue 14: invalid config never reaches the simulator's store. Real kubectl 1.32 applies
 * YAML that kube-apiserver or istiod would refuse, and shows their words: the CRD's
 * structural schema (an integer weight), ObjectMeta (label values, owner references),
 * strict field validation (kubectl's default `--validate=strict`), istiod's RE2 regexes and
 * durations. After each refusal the object is still absent.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";

const VS_REF = { group: "networking.istio.io", resource: "virtualservices" };
const GATEWAY_REF = { group: "networking.istio.io", resource: "gateways" };

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-invalid-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A VirtualService `name` in bookinfo: `weight` of its one route,
 * `metadata` lines under metadata, `rule` lines under the first http rule.
 */
function vsYaml(name: string, options: { weight?: string; metadata?: string; rule?: string } = {}): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: bookinfo
${options.metadata ?? ""}spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: ${options.weight ?? "100"}
${options.rule ?? ""}`;
}

async function applyRefused(name: string, yaml: string, args: string[] = [], ref = VS_REF): Promise<string> {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, yaml);
  const r = await kubectl.run(["apply", "-f", path, ...args]);
  expect(r.code).not.toBe(0);
  expect(sim.store.get(ref, "bookinfo", name)).toBeUndefined();
  return r.stderr;
}

describe("kubectl apply of config kube-apiserver or istiod refuses", () => {
  it.each([
    ['"50"', "string", "integer"],
    ["50.5", "float64", "int32"],
    ["1e20", "float64", "int32"],
  ])("refuses weight %s with kube-apiserver's 422 and its structural-schema wording", async (weight, found, type) => {
    const name = `weight-${found}-${type}`;
    const stderr = await applyRefused(name, vsYaml(name, { weight }));
    expect(stderr).toContain(
      `The VirtualService "${name}" is invalid: spec.http[0].route[0].weight: Invalid value: "${found}": spec.http[0].route[0].weight in body must be of type ${type}: "${found}"`,
    );
  });

  it("refuses a Gateway port number given as a string, as it does a VirtualService's weight", async () => {
    const yaml = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: quoted-port
  namespace: bookinfo
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: "80", name: http, protocol: HTTP}
    hosts: ["*"]
`;
    const stderr = await applyRefused("quoted-port", yaml, [], GATEWAY_REF);
    expect(stderr).toContain(
      'The Gateway "quoted-port" is invalid: spec.servers[0].port.number: Invalid value: "string": spec.servers[0].port.number in body must be of type integer: "string"',
    );
  });

  it("refuses a label value that is markup, with apimachinery's message", async () => {
    const stderr = await applyRefused(
      "markup-label",
      vsYaml("markup-label", { metadata: "  labels:\n    app: '<img src=x onerror=alert(1)>'\n" }),
    );
    expect(stderr).toContain(
      `The VirtualService "markup-label" is invalid: metadata.labels: Invalid value: "<img src=x onerror=alert(1)>": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });

  it("refuses an owner reference without a uid", async () => {
    const stderr = await applyRefused(
      "owned",
      vsYaml("owned", {
        metadata: "  ownerReferences:\n  - {apiVersion: apps/v1, kind: Deployment, name: reviews-v1}\n",
      }),
    );
    expect(stderr).toContain(
      `The VirtualService "owned" is invalid: metadata.ownerReferences.uid: Invalid value: "": must not be empty`,
    );
  });

  it("refuses an unknown field under kubectl's default strict validation, and warns with --validate=warn", async () => {
    const yaml = vsYaml("unknown-field", { rule: "    foo: bar\n" });
    const stderr = await applyRefused("unknown-field", yaml);
    expect(stderr).toContain(
      `VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].foo"`,
    );

    const path = join(dir, "unknown-field-warn.yaml");
    writeFileSync(path, yaml);
    const warned = await kubectl.run(["apply", "-f", path, "--validate=warn"]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(`Warning: unknown field "spec.http[0].foo"`);
    const stored = sim.store.get(VS_REF, "bookinfo", "unknown-field");
    expect((stored?.spec as { http: Record<string, unknown>[] }).http[0]).not.toHaveProperty("foo");
  });

  it("refuses a regex RE2 cannot compile, with istiod's message", async () => {
    const stderr = await applyRefused(
      "bad-regex",
      vsYaml("bad-regex", { rule: "    match:\n    - uri: {regex: '(('}\n" }),
    );
    expect(stderr).toContain(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: "uri": error parsing regexp: missing closing ): `((`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
    );
  });

  it("refuses a fixedDelay Go cannot hold as a duration, with istiod's message", async () => {
    const stderr = await applyRefused(
      "huge-delay",
      vsYaml("huge-delay", {
        rule: "    fault:\n      delay: {fixedDelay: 99999999999999999999h, percentage: {value: 100}}\n",
      }),
    );
    expect(stderr).toContain(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: time: invalid duration "99999999999999999999h"',
    );
  });
});
