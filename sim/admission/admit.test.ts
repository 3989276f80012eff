import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { admit } from "./index";
import type { AdmissionRequest, AdmissionResult } from "./types";

function request(
  group: string,
  resource: string,
  kind: string,
  object: KubeObject,
  namespaces: Record<string, Record<string, string>> = {},
): AdmissionRequest {
  return {
    operation: "CREATE",
    group,
    version: "v1",
    resource,
    kind,
    namespace: object.metadata.namespace,
    object,
    lookup: (g, r, _ns, name) =>
      g === "" && r === "namespaces" && namespaces[name]
        ? { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: namespaces[name] } }
        : undefined,
  };
}

function vs(name: string, spec: Record<string, unknown>): AdmissionRequest {
  return request("networking.istio.io", "virtualservices", "VirtualService", {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: "bookinfo" },
    spec,
  });
}

function denied(result: AdmissionResult): { code: number; message: string } {
  if (result.allowed) throw new Error("expected a denial");
  return { code: result.code, message: result.message };
}

describe("admit", () => {
  it("passes a valid VirtualService through unchanged", () => {
    const result = admit(
      vs("reviews", { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] }),
    );
    expect(result.allowed).toBe(true);
  });

  it("denies an invalid VirtualService with istiod's message", () => {
    expect(denied(admit(vs("reviews", { hosts: ["reviews"] })))).toEqual({
      code: 400,
      message:
        'admission webhook "validation.istio.io" denied the request: configuration is invalid: http, tcp or tls must be provided in virtual service',
    });
  });

  it("lists several errors in go-multierror's form", () => {
    const result = denied(
      admit(
        vs("reviews", {
          hosts: ["reviews"],
          http: [
            {
              route: [
                { destination: { host: "reviews", subset: "v1" }, weight: -1 },
                { destination: { host: "reviews", subset: "v2" }, weight: 1 },
              ],
            },
          ],
        }),
      ),
    );
    expect(result.message).toBe(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: 2 errors occurred:\n\t* weight -1 < 0\n\t* total destination weight = 0\n\n',
    );
  });

  it("passes istiod's warnings back on an accepted object", () => {
    const result = admit(
      vs("details", {
        hosts: ["details"],
        http: [{ route: [{ destination: { host: "details" } }] }, { route: [{ destination: { host: "details" } }] }],
      }),
    );
    expect(result.allowed && result.warnings).toEqual([
      "virtualService rule #1 not used (only the last rule can have no matches)",
    ]);
  });

  it("refuses a DestinationRule without a host as 422 Invalid, before the webhook", () => {
    const result = admit(
      request("networking.istio.io", "destinationrules", "DestinationRule", {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: "x", namespace: "bookinfo" },
        spec: { subsets: [{ name: "v1" }] },
      }),
    );
    expect(result).toMatchObject({
      allowed: false,
      code: 422,
      reason: "Invalid",
      message: 'DestinationRule.networking.istio.io "x" is invalid: spec.host: Required value',
      causes: [{ reason: "FieldValueRequired", message: "Required value", field: "spec.host" }],
    });
  });

  it("requires route destinations' hosts as 422, listing every field", () => {
    const result = denied(
      admit(vs("x", { hosts: ["reviews"], http: [{ route: [{ destination: {} }, { weight: 1 }] }] })),
    );
    expect(result).toEqual({
      code: 422,
      message:
        'VirtualService.networking.istio.io "x" is invalid: [spec.http[0].route[0].destination.host: Required value, spec.http[0].route[1].destination: Required value]',
    });
  });

  it("refuses a string weight as kube-apiserver's 422 with the structural schema's cause", () => {
    const result = admit(
      vs("x", { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" }, weight: "50" }] }] }),
    );
    expect(result).toMatchObject({
      allowed: false,
      code: 422,
      causes: [
        {
          reason: "FieldValueTypeInvalid",
          field: "spec.http[0].route[0].weight",
          message: 'Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
        },
      ],
    });
  });

  it("refuses a markup label value on any kind, before the webhook", () => {
    const result = denied(
      admit(
        request("", "configmaps", "ConfigMap", {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "c", namespace: "bookinfo", labels: { a: "<b>" } },
        }),
      ),
    );
    expect(result.code).toBe(422);
    expect(result.message).toMatch(
      /^ConfigMap "c" is invalid: metadata.labels: Invalid value: "<b>": a valid label must be an empty string/,
    );
  });

  it("refuses undeclared spec fields under Strict, and drops them with a warning otherwise", () => {
    const spec = { hosts: ["reviews"], http: [{ foo: 1, route: [{ destination: { host: "reviews" } }] }] };
    expect(denied(admit({ ...vs("x", spec), fieldValidation: "Strict" }))).toEqual({
      code: 400,
      message:
        'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].foo"',
    });
    const warned = admit(vs("x", spec));
    if (!warned.allowed) throw new Error(warned.message);
    expect(warned.warnings).toEqual(['unknown field "spec.http[0].foo"']);
    expect(warned.object.spec).toEqual({
      hosts: ["reviews"],
      http: [{ route: [{ destination: { host: "reviews" } }] }],
    });
    const ignored = admit({ ...vs("x", spec), fieldValidation: "Ignore" });
    expect(ignored.allowed && ignored.warnings).toEqual([]);
  });

  it("injects the sidecar into a new pod in an injected namespace and defaults it", () => {
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "bookinfo", labels: { app: "reviews", version: "v2" } },
      spec: {
        containers: [
          {
            name: "reviews",
            image: "docker.io/istio/examples-bookinfo-reviews-v2:1.20.2",
            ports: [{ containerPort: 9080 }],
          },
        ],
      },
    };
    const result = admit(request("", "pods", "Pod", pod, { bookinfo: { "istio-injection": "enabled" } }));
    if (!result.allowed) throw new Error(result.message);
    const spec = result.object.spec as {
      containers: Array<{ name: string; imagePullPolicy?: string }>;
      restartPolicy: string;
    };
    expect(spec.containers.map((c) => c.name)).toEqual(["reviews", "istio-proxy"]);
    expect(spec.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    expect(spec.restartPolicy).toBe("Always");
    expect(result.object.metadata.labels?.["service.istio.io/canonical-revision"]).toBe("v2");
  });

  it("allows every delete", () => {
    const object: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } };
    expect(admit({ ...request("", "pods", "Pod", object), operation: "DELETE" }).allowed).toBe(true);
  });
});
