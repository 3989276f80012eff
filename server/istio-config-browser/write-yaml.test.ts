import { describe, expect, it, vi } from "vitest";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { applyYaml, deleteObject, previewYaml, type EditorWriteDeps } from "./write-yaml";

const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v4
`;
const target = { namespace: "bookinfo", kind: "virtualservices", name: "reviews" };
const live: StoredIstioObject = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "7" },
  spec: { hosts: ["reviews"] },
};

function fakeDeps(overrides: Partial<EditorWriteDeps> = {}): EditorWriteDeps {
  return {
    get: vi.fn(async () => undefined),
    preview: vi.fn(async () => ({ outcomes: [], validations: [], routeRisks: [] })),
    apply: vi.fn(async () => []),
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<TopsailError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof TopsailError)) throw new Error(`expected a TopsailError, got ${String(error)}`);
  return error;
}

describe("saving YAML", () => {
  it("refuses bad input with its problems and never calls the write path", async () => {
    const deps = fakeDeps();
    const error = await failure(applyYaml(deps, { mode: "update", yaml: "kind: [", target, baseResourceVersion: "7" }));
    expect(error.code).toBe("bad_request");
    expect(error.details?.problems).toEqual([
      expect.objectContaining({ code: "yaml_syntax", line: expect.any(Number), column: expect.any(Number) }),
    ]);
    expect(deps.apply).not.toHaveBeenCalled();
    expect(deps.preview).not.toHaveBeenCalled();
  });

  it("refuses an update whose page kind is not an Istio kind, naming the served kinds, and never calls the write path", async () => {
    const deps = fakeDeps();
    const error = await failure(
      applyYaml(deps, {
        mode: "update",
        yaml,
        target: { namespace: "bookinfo", kind: "Bogus", name: "reviews" },
        baseResourceVersion: "7",
      }),
    );
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain(
      '"Bogus" is not an Istio kind; the served kinds are VirtualService, DestinationRule',
    );
    expect(deps.apply).not.toHaveBeenCalled();
    expect(deps.get).not.toHaveBeenCalled();
  });

  it("updates from the version the user loaded, with source editor", async () => {
    const deps = fakeDeps({
      apply: vi.fn(async () => [
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          action: "update" as const,
          before: live,
          after: { ...live, metadata: { ...live.metadata, resourceVersion: "8" } },
          auditId: "a1",
        },
      ]),
    });
    const result = await applyYaml(deps, { mode: "update", yaml, target, baseResourceVersion: "7" });
    expect(deps.apply).toHaveBeenCalledWith({
      source: "editor",
      changes: [
        expect.objectContaining({
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          baseResourceVersion: "7",
          desired: expect.objectContaining({ metadata: { name: "reviews", namespace: "bookinfo" } }),
        }),
      ],
    });
    expect(result).toEqual({
      action: "update",
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      resourceVersion: "8",
      auditId: "a1",
    });
  });

  it("creates only an object that is still absent when the write lands, so one created meanwhile is a conflict, not an overwrite", async () => {
    const deps = fakeDeps();
    await applyYaml(deps, { mode: "create", yaml, namespace: "bookinfo" });
    expect(deps.apply).toHaveBeenCalledWith({
      source: "editor",
      changes: [expect.objectContaining({ kind: "VirtualService", name: "reviews", baseResourceVersion: null })],
    });
  });

  it("refuses to create over an existing object", async () => {
    const deps = fakeDeps({ get: vi.fn(async () => live) });
    const error = await failure(applyYaml(deps, { mode: "create", yaml, namespace: "bookinfo" }));
    expect(error.code).toBe("conflict");
    expect(deps.apply).not.toHaveBeenCalled();
  });

  it("places the write path's validation errors on the user's lines", async () => {
    const validations = [
      {
        kind: "VirtualService",
        namespace: "bookinfo",
        name: "reviews",
        valid: false,
        checks: [
          {
            code: "KIA1101",
            severity: "error" as const,
            message: "host not found",
            path: "spec/http[0]/route[0]/destination/host",
          },
        ],
      },
    ];
    const deps = fakeDeps({
      preview: vi.fn(async () =>
        Promise.reject(new TopsailError("bad_request", "The change is not valid", { details: { validations } })),
      ),
    });
    const error = await failure(previewYaml(deps, { mode: "update", yaml, target, baseResourceVersion: "7" }));
    expect(error.details?.checks).toEqual([expect.objectContaining({ code: "KIA1101", line: 11, column: 9 })]);
  });

  it("passes a conflict through untouched, with the live objects for the conflict screen", async () => {
    const conflict = new TopsailError("conflict", "changed", { details: { conflicts: [{ live }] } });
    const deps = fakeDeps({ preview: vi.fn(async () => Promise.reject(conflict)) });
    expect(await failure(previewYaml(deps, { mode: "update", yaml, target, baseResourceVersion: "6" }))).toBe(conflict);
  });

  it("shows the fields a preview changes", async () => {
    const after = {
      ...live,
      spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v4" } }] }] },
    };
    const deps = fakeDeps({
      preview: vi.fn(async () => ({
        outcomes: [
          {
            kind: "VirtualService",
            namespace: "bookinfo",
            name: "reviews",
            action: "update" as const,
            before: live,
            after,
          },
        ],
        validations: [],
        routeRisks: [],
      })),
    });
    const preview = await previewYaml(deps, { mode: "update", yaml, target, baseResourceVersion: "7" });
    expect(preview.changedPaths).toEqual(["spec/http"]);
    expect(preview.before).not.toContain("resourceVersion");
  });

  it("deletes only the loaded version", async () => {
    const deps = fakeDeps({
      apply: vi.fn(async () => [
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          action: "delete" as const,
          before: live,
          after: null,
          auditId: "a2",
        },
      ]),
    });
    await deleteObject(deps, { namespace: "bookinfo", kind: "vs", name: "reviews" }, "7");
    expect(deps.apply).toHaveBeenCalledWith({
      source: "editor",
      changes: [
        { kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: null, baseResourceVersion: "7" },
      ],
    });
  });
});
