import { describe, expect, it } from "vitest";
import type { AuditObject } from "@/server/adapters/db/audit-entries";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { WorkloadLabels } from "@/server/validation/context";
import { resolveChangeTarget, type Registry } from "./change-target";
import { touchReasons, type ChangeTarget, type RecordedChange } from "./touches";

const mesh = { domain: "cluster.local", rootNamespace: "istio-system" };

const service = (namespace: string, name: string, selector: Record<string, string>): ServiceSummary => ({
  namespace,
  name,
  selector,
  ports: [{ port: 9080, protocol: "TCP" }],
});
const pod = (namespace: string, name: string, labels: Record<string, string>): WorkloadLabels => ({
  kind: "Pod",
  namespace,
  name,
  labels,
  serviceAccount: "default",
});

/** Bookinfo's reviews: one service over three versions, next to ratings. */
const registry: Registry = {
  domain: "cluster.local",
  services: [
    service("bookinfo", "reviews", { app: "reviews" }),
    service("bookinfo", "ratings", { app: "ratings" }),
    service("bookinfo", "reviews-external", {}),
  ],
  workloads: [
    pod("bookinfo", "reviews-v1", { app: "reviews", version: "v1" }),
    pod("bookinfo", "reviews-v1", { app: "reviews", version: "v1" }),
    pod("bookinfo", "reviews-v2", { app: "reviews", version: "v2" }),
    pod("bookinfo", "ratings-v1", { app: "ratings", version: "v1" }),
    pod("other", "reviews-v1", { app: "reviews", version: "v1" }),
  ],
};

function targetOf(kind: "service" | "workload" | "app", name: string): ChangeTarget {
  const target = resolveChangeTarget("bookinfo", { kind, name }, registry);
  if (!target) throw new Error(`${kind} ${name} is in the registry`);
  return target;
}
const reviews = targetOf("service", "reviews");

const object = (kind: string, namespace: string, name: string, spec: Record<string, unknown>): AuditObject => ({
  apiVersion: "networking.istio.io/v1",
  kind,
  metadata: { name, namespace },
  spec,
});
function change(before: AuditObject | null, after: AuditObject | null): RecordedChange {
  const version = (after ?? before) as { kind: string; metadata: { namespace: string; name: string } };
  return { kind: version.kind, namespace: version.metadata.namespace, name: version.metadata.name, before, after };
}
const update = (o: AuditObject) => change(o, o);

describe("resolveChangeTarget", () => {
  it("resolves a service to its host and the workloads its selector picks, each workload once", () => {
    expect([...reviews.hosts]).toEqual(["reviews.bookinfo.svc.cluster.local"]);
    expect(reviews.workloads.map((w) => w.name)).toEqual(["reviews-v1", "reviews-v2"]);
  });

  it("resolves a workload to the services that pick it, and an app to its versions", () => {
    const workload = targetOf("workload", "reviews-v2");
    expect([...workload.hosts]).toEqual(["reviews.bookinfo.svc.cluster.local"]);
    expect(workload.workloads.map((w) => w.name)).toEqual(["reviews-v2"]);
    expect(targetOf("app", "reviews").workloads.map((w) => w.name)).toEqual(["reviews-v1", "reviews-v2"]);
  });

  it("knows no service, app or workload the namespace does not have", () => {
    expect(resolveChangeTarget("bookinfo", { kind: "service", name: "nope" }, registry)).toBeUndefined();
    expect(resolveChangeTarget("bookinfo", { kind: "app", name: "nope" }, registry)).toBeUndefined();
  });
});

describe("touchReasons", () => {
  it("a VirtualService for reviews, by short name or FQDN, touches reviews; one for ratings does not", () => {
    const short = object("VirtualService", "bookinfo", "reviews", {
      hosts: ["reviews"],
      http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }],
    });
    expect(touchReasons(update(short), reviews, mesh)).toEqual([
      "routes requests for reviews (bookinfo)",
      "routes to reviews (bookinfo)",
    ]);
    const fqdn = object("VirtualService", "bookinfo", "r", { hosts: ["reviews.bookinfo.svc.cluster.local"] });
    expect(touchReasons(update(fqdn), reviews, mesh)).toEqual(["routes requests for reviews (bookinfo)"]);
    const ratings = object("VirtualService", "bookinfo", "ratings", {
      hosts: ["ratings"],
      http: [{ route: [{ destination: { host: "ratings" } }] }],
    });
    expect(touchReasons(update(ratings), reviews, mesh)).toEqual([]);
  });

  it("a short host in another namespace means that namespace's service, not bookinfo's reviews", () => {
    const elsewhere = object("VirtualService", "other", "reviews", { hosts: ["reviews"] });
    expect(touchReasons(update(elsewhere), reviews, mesh)).toEqual([]);
  });

  it("a VirtualService of productpage that starts mirroring to reviews touches reviews, as does removing the mirror", () => {
    const plain = object("VirtualService", "bookinfo", "productpage", {
      hosts: ["productpage"],
      http: [{ route: [{ destination: { host: "productpage" } }] }],
    });
    const mirrored = object("VirtualService", "bookinfo", "productpage", {
      hosts: ["productpage"],
      http: [{ route: [{ destination: { host: "productpage" } }], mirror: { host: "reviews" } }],
    });
    expect(touchReasons(change(plain, mirrored), reviews, mesh)).toEqual(["routes to reviews (bookinfo)"]);
    expect(touchReasons(change(mirrored, plain), reviews, mesh)).toEqual(["routes to reviews (bookinfo)"]);
    expect(touchReasons(change(mirrored, null), reviews, mesh)).toEqual(["routes to reviews (bookinfo)"]);
  });

  it("a DestinationRule and a ServiceEntry naming the reviews host touch it", () => {
    const dr = object("DestinationRule", "bookinfo", "reviews", { host: "reviews" });
    expect(touchReasons(update(dr), reviews, mesh)).toEqual(["sets the traffic policy of reviews (bookinfo)"]);
    const se = object("ServiceEntry", "bookinfo", "se", { hosts: ["reviews.bookinfo.svc.cluster.local"] });
    expect(touchReasons(update(se), reviews, mesh)).toEqual(["registers reviews (bookinfo)"]);
  });

  it("policies touch the workloads they select, namespace-wide ones every workload, root-namespace ones the mesh", () => {
    const selecting = object("AuthorizationPolicy", "bookinfo", "allow-v2", {
      selector: { matchLabels: { app: "reviews", version: "v2" } },
    });
    expect(touchReasons(update(selecting), reviews, mesh)).toEqual(["selects workload reviews-v2"]);
    const ratingsOnly = object("AuthorizationPolicy", "bookinfo", "ratings", {
      selector: { matchLabels: { app: "ratings" } },
    });
    expect(touchReasons(update(ratingsOnly), reviews, mesh)).toEqual([]);
    const namespaceWide = object("PeerAuthentication", "bookinfo", "default", { mtls: { mode: "STRICT" } });
    expect(touchReasons(update(namespaceWide), reviews, mesh)).toEqual(["applies to every workload in bookinfo"]);
    const meshWide = object("PeerAuthentication", "istio-system", "default", { mtls: { mode: "STRICT" } });
    expect(touchReasons(update(meshWide), reviews, mesh)).toEqual(["applies to the whole mesh"]);
    const otherNamespace = object("PeerAuthentication", "other", "default", { mtls: { mode: "STRICT" } });
    expect(touchReasons(update(otherNamespace), reviews, mesh)).toEqual([]);
    const sidecar = object("Sidecar", "bookinfo", "s", { workloadSelector: { labels: { app: "reviews" } } });
    expect(touchReasons(update(sidecar), reviews, mesh)).toEqual([
      "selects workload reviews-v1",
      "selects workload reviews-v2",
    ]);
  });

  it("a Deployment's injection entry touches that workload only; a namespace's touches all of its workloads", () => {
    const injection = { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" } };
    const deployment = (name: string): RecordedChange => ({
      kind: "Deployment",
      namespace: "bookinfo",
      name,
      before: null,
      after: injection,
    });
    expect(touchReasons(deployment("reviews-v1"), reviews, mesh)).toEqual(["sidecar injection of workload reviews-v1"]);
    expect(touchReasons(deployment("ratings-v1"), reviews, mesh)).toEqual([]);
    const label = { "metadata.labels": { "istio-injection": "disabled", "istio.io/rev": null } };
    const ns = { kind: "Namespace", namespace: "bookinfo", name: "bookinfo", before: label, after: label };
    expect(touchReasons(ns, reviews, mesh)).toEqual(["sidecar injection of namespace bookinfo"]);
  });

  it("reads malformed recorded objects without throwing, as touching nothing", () => {
    const odd = object("VirtualService", "bookinfo", "odd", { hosts: "reviews", http: { route: 1 } });
    expect(touchReasons(update(odd), reviews, mesh)).toEqual([]);
    expect(touchReasons({ ...update(odd), kind: "WorkloadGroup" }, reviews, mesh)).toEqual([]);
  });
});
