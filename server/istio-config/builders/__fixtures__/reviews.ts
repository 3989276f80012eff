/** A reviews VirtualService and DestinationRule with rules and fields no wizard owns, to prove they survive. */
import { expect } from "vitest";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import type { WizardBuilt, WizardExisting } from "../common";

export const service = { namespace: "bookinfo", name: "reviews" };

export function reviewsVirtualService(): VirtualService {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "7", labels: { team: "books" } },
    spec: {
      hosts: ["reviews"],
      exportTo: ["."],
      http: [
        { name: "jason", match: [{ headers: { "end-user": { exact: "jason" } } }], route: [{ destination: { host: "reviews", subset: "v2" } }], timeout: "3s" },
        { match: [{ uri: { prefix: "/admin" } }], rewrite: { uri: "/" }, route: [{ destination: { host: "reviews", subset: "v1" } }] },
        {
          route: [{ destination: { host: "reviews", subset: "v1", port: { number: 9080 } }, headers: { response: { set: { "x-version": "v1" } } } }],
          retries: { attempts: 3, retryRemoteLocalities: true },
          corsPolicy: { allowOrigins: [{ exact: "https://books.example" }] },
        },
      ],
      tcp: [{ match: [{ port: 31400 }], route: [{ destination: { host: "reviews", subset: "v1" } }] }],
    },
  };
}

export function reviewsDestinationRule(): DestinationRule {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "5" },
    spec: {
      host: "reviews",
      trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" }, connectionPool: { tcp: { connectTimeout: "5s" } } },
      subsets: [
        { name: "v1", labels: { version: "v1" } },
        { name: "v2", labels: { version: "v2" }, trafficPolicy: { loadBalancer: { simple: "RANDOM" } } },
      ],
    },
  };
}

export function reviewsExisting(overrides: Partial<WizardExisting> = {}): WizardExisting {
  return { service, virtualService: reviewsVirtualService(), destinationRule: reviewsDestinationRule(), versions: ["v1", "v2", "v3"], ...overrides };
}

/** The live objects after applying a build (undefined = left alone). */
export function applied(existing: WizardExisting, built: WizardBuilt): WizardExisting {
  return {
    ...existing,
    virtualService: built.virtualService === undefined ? existing.virtualService : built.virtualService,
    destinationRule: built.destinationRule === undefined ? existing.destinationRule : built.destinationRule,
  };
}

/** Building the same input on the result changes nothing: every object comes back equal (or untouched). */
export function expectIdempotent<I>(build: (e: WizardExisting, input: I) => WizardBuilt, existing: WizardExisting, input: I): void {
  const once = applied(existing, build(existing, input));
  const twice = applied(once, build(once, input));
  expect(twice.virtualService).toEqual(once.virtualService);
  expect(twice.destinationRule).toEqual(once.destinationRule);
}
