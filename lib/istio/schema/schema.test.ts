import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { istioKinds } from "../kinds";
import { checkSpecSchema, strictDecodingMessage, validateObjectMeta } from "./index";

const vs = (spec: unknown) => checkSpecSchema("networking.istio.io", "VirtualService", spec);
const dr = (spec: unknown) => checkSpecSchema("networking.istio.io", "DestinationRule", spec);
const withWeight = (weight: unknown) => ({
  hosts: ["reviews"],
  http: [{ route: [{ destination: { host: "reviews", subset: "v1" }, weight }] }],
});

describe("the CRD's structural schema, as kube-apiserver words it", () => {
  it("refuses a weight given as a string, a fraction or a number too large for an integer", () => {
    expect(vs(withWeight("50"))?.errors).toEqual([
      {
        reason: "FieldValueTypeInvalid",
        field: "spec.http[0].route[0].weight",
        message: 'Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
      },
    ]);
    // kube-openapi checks an int32 field's format first: a float64 "must be of type int32".
    expect(vs(withWeight(50.5))?.errors.map((e) => e.message)).toEqual([
      'Invalid value: "float64": spec.http[0].route[0].weight in body must be of type int32: "float64"',
    ]);
    expect(vs(withWeight(1e20))?.errors.map((e) => e.message)).toEqual([
      'Invalid value: "float64": spec.http[0].route[0].weight in body must be of type int32: "float64"',
    ]);
    expect(vs(withWeight(50))?.errors).toEqual([]);
  });

  it("checks the other numbers the wizards write: percentages are doubles, statuses, attempts, ports and pool sizes integers", () => {
    const found = vs({
      hosts: ["ratings"],
      http: [
        {
          fault: {
            abort: { httpStatus: "500", percentage: { value: "10" } },
            delay: { fixedDelay: 7, percentage: { value: 12.5 } },
          },
          retries: { attempts: 2.5 },
          route: [{ destination: { host: "ratings", port: { number: 80.5 } } }],
        },
      ],
    });
    expect(found?.errors.map((e) => e.message)).toEqual([
      'Invalid value: "string": spec.http[0].fault.abort.httpStatus in body must be of type integer: "string"',
      'Invalid value: "string": spec.http[0].fault.abort.percentage.value in body must be of type number: "string"',
      'Invalid value: "integer": spec.http[0].fault.delay.fixedDelay in body must be of type string: "integer"',
      'Invalid value: "float64": spec.http[0].retries.attempts in body must be of type int32: "float64"',
      'Invalid value: "number": spec.http[0].route[0].destination.port.number in body must be of type integer: "number"',
    ]);
    expect(
      dr({
        host: "reviews",
        trafficPolicy: { connectionPool: { tcp: { maxConnections: "10" }, http: { http1MaxPendingRequests: 1.5 } } },
      })?.errors.map((e) => e.field),
    ).toEqual([
      "spec.trafficPolicy.connectionPool.tcp.maxConnections",
      "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests",
    ]);
  });

  it("names undeclared fields and prunes them", () => {
    const found = vs({
      hosts: ["reviews"],
      http: [{ foo: 1, route: [{ destination: { host: "reviews", bar: "x" } }] }],
    });
    expect(found?.unknownFields).toEqual(["spec.http[0].foo", "spec.http[0].route[0].destination.bar"]);
    expect(found?.pruned).toEqual({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] });
    expect(strictDecodingMessage("VirtualService", "v1", found?.unknownFields ?? [])).toBe(
      'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].foo", unknown field "spec.http[0].route[0].destination.bar"',
    );
  });

  it("declares every field of every Istio object the simulator's scenarios boot with", () => {
    const scenarios = path.join(__dirname, "../../../sim/scenarios");
    const files = readdirSync(scenarios, { recursive: true, encoding: "utf8" }).filter((file) =>
      file.endsWith(".yaml"),
    );
    const objects = files.flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(scenarios, file), "utf8")).map(
        (d) => d.toJS() as { apiVersion?: string; kind?: string; spec?: unknown } | null,
      ),
    );
    const istio = objects.flatMap((o) => {
      const info = istioKinds.find((k) => k.kind === o?.kind && o.apiVersion?.startsWith(`${k.group}/`));
      return info ? [{ kind: info.kind, check: checkSpecSchema(info.group, info.kind, o?.spec) }] : [];
    });
    expect(istio.length).toBeGreaterThan(5);
    expect(istio.map((o) => o.kind)).toContain("Gateway");
    for (const { check } of istio) expect([check?.errors, check?.unknownFields]).toEqual([[], []]);
  });
});

describe("ObjectMeta, as kube-apiserver words it", () => {
  it("refuses a label value that is markup, with apimachinery's message and regex", () => {
    expect(validateObjectMeta({ labels: { app: "<img src=x onerror=alert(1)>" } })).toEqual([
      {
        reason: "FieldValueInvalid",
        field: "metadata.labels",
        message:
          "Invalid value: \"<img src=x onerror=alert(1)>\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      },
    ]);
  });

  it("refuses label values over 63 characters, bad label and annotation keys and bad finalizer names", () => {
    const errors = validateObjectMeta({
      labels: { "a/b/c": "x".repeat(64) },
      annotations: { "-bad": "v" },
      finalizers: ["ok.io/fin", "no spaces"],
    });
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      [
        "metadata.labels",
        "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
      ["metadata.labels", `Invalid value: "${"x".repeat(64)}": must be no more than 63 characters`],
      [
        "metadata.annotations",
        "Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
      [
        "metadata.finalizers[1]",
        "Invalid value: \"no spaces\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ]);
  });

  it("requires apiVersion, kind, name and uid of every owner reference", () => {
    expect(
      validateObjectMeta({ ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "x" }] }).map(
        (e) => `${e.field}: ${e.message}`,
      ),
    ).toEqual(['metadata.ownerReferences.uid: Invalid value: "": must not be empty']);
    expect(validateObjectMeta({ ownerReferences: [{}] }).map((e) => e.field)).toEqual([
      "metadata.ownerReferences.apiVersion",
      "metadata.ownerReferences.kind",
      "metadata.ownerReferences.name",
      "metadata.ownerReferences.uid",
    ]);
  });
});
