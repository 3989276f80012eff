import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MutatingWebhookConfiguration } from "@/server/adapters/kube/core-objects";
import { TopsailError } from "@/server/errors";
import type { PodObject } from "@/server/inventory/read-namespace-objects";
import { readSidecarInjector, type MeshDeps } from "./read-mesh";
import {
  injectedNamespacesOf,
  injectorSelectorsOf,
  injectorWebhooksOf,
  type NamespaceLabels,
} from "./sidecar-injector";

const rootCertPem = readFileSync(new URL("./__fixtures__/root-cert.pem", import.meta.url), "utf8");
const caBundle = Buffer.from(rootCertPem).toString("base64");

type Expression = { key: string; operator: string; values?: string[] };
const webhook = (prefix: string, namespaceExpressions: Expression[], objectExpressions: Expression[]) => ({
  name: `${prefix}sidecar-injector.istio.io`,
  clientConfig: { service: { name: "istiod", namespace: "istio-system", path: "/inject", port: 443 }, caBundle },
  failurePolicy: "Fail",
  namespaceSelector: { matchExpressions: namespaceExpressions },
  objectSelector: { matchExpressions: objectExpressions },
});
const notFalse = { key: "sidecar.istio.io/inject", operator: "NotIn", values: ["false"] };

/** The four webhooks `istioctl install` writes for the default revision (the istiod chart's mutatingwebhook.yaml). */
const injector: MutatingWebhookConfiguration = {
  metadata: { name: "istio-sidecar-injector", labels: { "istio.io/rev": "default" } },
  webhooks: [
    webhook(
      "rev.namespace.",
      [
        { key: "istio.io/rev", operator: "In", values: ["default"] },
        { key: "istio-injection", operator: "DoesNotExist" },
      ],
      [notFalse],
    ),
    webhook(
      "rev.object.",
      [
        { key: "istio.io/rev", operator: "DoesNotExist" },
        { key: "istio-injection", operator: "DoesNotExist" },
      ],
      [notFalse, { key: "istio.io/rev", operator: "In", values: ["default"] }],
    ),
    webhook("namespace.", [{ key: "istio-injection", operator: "In", values: ["enabled"] }], [notFalse]),
    webhook(
      "object.",
      [
        { key: "istio-injection", operator: "DoesNotExist" },
        { key: "istio.io/rev", operator: "DoesNotExist" },
      ],
      [
        { key: "sidecar.istio.io/inject", operator: "In", values: ["true"] },
        { key: "istio.io/rev", operator: "DoesNotExist" },
      ],
    ),
  ],
};
const unrelated: MutatingWebhookConfiguration = {
  metadata: { name: "cert-manager-webhook" },
  webhooks: [{ name: "webhook.cert-manager.io", clientConfig: { url: "https://cert-manager" } }],
};

const namespaces: NamespaceLabels[] = [
  { name: "bookinfo", labels: { "istio-injection": "enabled" } },
  { name: "canary", labels: { "istio.io/rev": "default" } },
  { name: "legacy", labels: {} },
  { name: "off", labels: { "istio-injection": "disabled" } },
];
const now = new Date("2036-11-30T06:59:51Z");

const pod = (name: string, over: Partial<PodObject> = {}): PodObject => ({
  name,
  workload: name.split("-")[0] ?? name,
  phase: "Running",
  ready: true,
  labels: {},
  containers: [],
  hasSidecar: false,
  optsOutOfInjection: false,
  ...over,
});

describe("istiod's sidecar injector against the namespaces' labels", () => {
  const webhooks = injectorWebhooksOf([unrelated, injector], namespaces, now);
  const byName = new Map(webhooks.map((w) => [w.name, w]));

  it("shows only Istio's webhooks, with whom they call, their failure policy and their CA's expiry", () => {
    expect(webhooks.map((w) => w.name)).toEqual([
      "namespace.sidecar-injector.istio.io",
      "object.sidecar-injector.istio.io",
      "rev.namespace.sidecar-injector.istio.io",
      "rev.object.sidecar-injector.istio.io",
    ]);
    expect(byName.get("namespace.sidecar-injector.istio.io")).toMatchObject({
      configuration: "istio-sidecar-injector",
      revision: "default",
      service: "istiod.istio-system:443/inject",
      failurePolicy: "Fail",
      caBundle: { subject: "O=cluster.local", notAfter: "2036-12-02T06:59:51.000Z", daysLeft: 2 },
      namespaceSelector: "istio-injection=enabled",
      objectSelector: "sidecar.istio.io/inject!=false",
    });
  });

  it("injects every pod of a namespace labelled istio-injection=enabled or istio.io/rev=default, and only opted-in pods elsewhere", () => {
    expect(byName.get("namespace.sidecar-injector.istio.io")).toMatchObject({
      namespaces: ["bookinfo"],
      injectsEveryPod: true,
    });
    expect(byName.get("rev.namespace.sidecar-injector.istio.io")).toMatchObject({
      namespaces: ["canary"],
      injectsEveryPod: true,
    });
    expect(byName.get("object.sidecar-injector.istio.io")).toMatchObject({
      namespaces: ["legacy"],
      injectsEveryPod: false,
    });
    // istio-injection=disabled: no webhook selects the namespace.
    expect(webhooks.some((w) => w.namespaces.includes("off"))).toBe(false);
  });

  it("says what is wrong with a CA bundle that is empty or not a certificate", () => {
    const broken = (bundle: string | undefined) =>
      injectorWebhooksOf(
        [
          {
            metadata: { name: "x" },
            webhooks: [
              {
                name: "namespace.sidecar-injector.istio.io",
                clientConfig: {
                  ...(bundle === undefined ? {} : { caBundle: bundle }),
                  url: "https://istiod:15017/inject",
                },
              },
            ],
          },
        ],
        namespaces,
        now,
      )[0];
    expect(broken(undefined)?.caBundle).toEqual({ problem: "empty: istiod has not written its CA yet" });
    expect(broken(Buffer.from("nope").toString("base64"))?.caBundle).toEqual({ problem: "not a PEM certificate" });
    expect(broken(undefined)?.service).toBe("https://istiod:15017/inject");
    // admissionregistration/v1's default.
    expect(broken(undefined)?.failurePolicy).toBe("Fail");
  });

  it("flags the pods of an injected namespace that run without a sidecar, but not those opted out or finished", () => {
    const pods = new Map([
      [
        "bookinfo",
        [
          pod("reviews-v1-a", { hasSidecar: true }),
          pod("ratings-v1-b"),
          pod("job-c", { phase: "Succeeded" }),
          pod("legacy-d", { labels: { "sidecar.istio.io/inject": "false" } }),
        ],
      ],
      ["canary", [pod("canary-e", { hasSidecar: true })]],
    ]);
    expect(injectedNamespacesOf(webhooks, injectorSelectorsOf([injector]), pods)).toEqual([
      {
        namespace: "bookinfo",
        webhook: "namespace.sidecar-injector.istio.io",
        revision: "default",
        podsWithoutSidecar: ["ratings-v1-b"],
      },
      {
        namespace: "canary",
        webhook: "rev.namespace.sidecar-injector.istio.io",
        revision: "default",
        podsWithoutSidecar: [],
      },
    ]);
  });
});

describe("reading the injector", () => {
  const deps = (list: MeshDeps["listMutatingWebhookConfigurations"]): MeshDeps => ({
    rootNamespace: "istio-system",
    listPods: () => Promise.resolve([pod("ratings-v1-b")]),
    listServices: () => Promise.resolve([]),
    listConfigMaps: () => Promise.resolve([]),
    listNamespaces: () => Promise.resolve(namespaces),
    listMutatingWebhookConfigurations: list,
    readSyncz: () => Promise.resolve([]),
    now: () => now,
  });

  it("says the console is not permitted to read the webhooks instead of failing the page", async () => {
    const view = await readSidecarInjector(
      deps(() => Promise.reject(new TopsailError("forbidden", "mutatingwebhookconfigurations is forbidden"))),
    );
    expect(view.webhooks).toEqual([]);
    expect(view.problem?.code).toBe("forbidden");
    expect(view.problem?.message).toContain("not permitted to read");
  });

  it("lists the injected namespaces with their pods lacking a sidecar", async () => {
    const view = await readSidecarInjector(deps(() => Promise.resolve([injector])));
    expect(view.problem).toBeUndefined();
    expect(view.namespaces.map((n) => [n.namespace, n.podsWithoutSidecar])).toEqual([
      ["bookinfo", ["ratings-v1-b"]],
      ["canary", ["ratings-v1-b"]],
    ]);
  });
});
