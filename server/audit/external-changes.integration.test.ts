import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor, type Kubectl } from "@/sim/test-support/run-kubectl";
import { waitFor } from "@/sim/test-support/wait-for";
import { GET as getAuditEntryRoute } from "@/app/api/audit/[id]/route";
import { listAuditEntries, type AuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { readNamespaceLabels } from "@/server/adapters/kube/patch-core-objects";
import { EXTERNAL_ACTOR, startExternalChangeWatcher, type ExternalChangeWatcher } from "./external-changes";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { topsailWriter, type TopsailWriter } from "./test-support/topsail-writes";

describe("the external-change watcher against the simulated cluster", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let connection: KubeConnection;
  let dbUrl: string;
  let watcher: ExternalChangeWatcher;
  let kubectl: Kubectl;
  let topsail: TopsailWriter;
  const savedEditor = process.env.KUBE_EDITOR;

  beforeAll(async () => {
    // The API route reads the cluster and the database the console's way: from the environment.
    consoleEnv = await startConsoleOnSimulator("audit-watch", (paths) => startSimulator({ port: 0, ...paths }));
    ({ connection, dbUrl } = consoleEnv);
    kubectl = kubectlFor(consoleEnv.sim.kubeconfigPath, path.join(consoleEnv.dir, "kubectl-cache"));
    topsail = topsailWriter(getDb(dbUrl), connection);
    watcher = startExternalChangeWatcher({ connection, db: getDb(dbUrl), log: () => {} });
    await watcher.ready;
  });

  afterAll(async () => {
    await watcher?.stop();
    await consoleEnv?.stop();
  });

  const history = (kind: string, namespace: string, name: string) =>
    listAuditEntries(getDb(dbUrl), { kind, namespace, name });
  const externalOf = (entries: AuditEntry[]) => entries.filter((e) => e.source === "external");
  async function run(args: string[]): Promise<string> {
    const result = await kubectl.run(args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  }

  it("records a kubectl edit of an AuthorizationPolicy as an external change with before and after", async () => {
    const policy: StoredIstioObject = {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: "reviews-readers", namespace: "bookinfo" },
      spec: {
        selector: { matchLabels: { app: "reviews" } },
        action: "ALLOW",
        rules: [{ to: [{ operation: { methods: ["GET"] } }] }],
      },
    };
    await topsail.create(policy);

    // kubectl edit opens $KUBE_EDITOR on the object's YAML; sed stands in for the user.
    process.env.KUBE_EDITOR = "sed -i s/GET/POST/";
    try {
      await run(["edit", "authorizationpolicy", "reviews-readers", "-n", "bookinfo"]);
    } finally {
      if (savedEditor === undefined) delete process.env.KUBE_EDITOR;
      else process.env.KUBE_EDITOR = savedEditor;
    }

    const entries = await waitFor(async () => {
      const found = await history("AuthorizationPolicy", "bookinfo", "reviews-readers");
      return externalOf(found).length > 0 ? found : undefined;
    }, "the external entry of the edited AuthorizationPolicy");
    expect(entries.map((e) => e.source)).toEqual(["external", "editor"]);
    const external = entries[0];
    expect(external).toMatchObject({ action: "update", actor: EXTERNAL_ACTOR, status: "applied" });
    expect(external?.before?.spec).toMatchObject({ rules: [{ to: [{ operation: { methods: ["GET"] } }] }] });
    expect(external?.after?.spec).toMatchObject({ rules: [{ to: [{ operation: { methods: ["POST"] } }] }] });
    const live = await getIstioObject(connection, {
      kind: "AuthorizationPolicy",
      namespace: "bookinfo",
      name: "reviews-readers",
    });
    expect(external?.resourceVersion).toBe(live?.metadata.resourceVersion);
  });

  it("records a kubectl patch of a VirtualService as an external change, and not Topsail's own create before it", async () => {
    const vs: StoredIstioObject = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "ratings", namespace: "bookinfo" },
      spec: { hosts: ["ratings"], http: [{ route: [{ destination: { host: "ratings", subset: "v1" } }] }] },
    };
    await topsail.create(vs);
    await run([
      "patch",
      "vs",
      "ratings",
      "-n",
      "bookinfo",
      "--type",
      "merge",
      "-p",
      JSON.stringify({
        spec: { http: [{ timeout: "3s", route: [{ destination: { host: "ratings", subset: "v1" } }] }] },
      }),
    ]);

    const entries = await waitFor(async () => {
      const found = await history("VirtualService", "bookinfo", "ratings");
      return externalOf(found).length > 0 ? found : undefined;
    }, "the external entry of the patched VirtualService");
    expect(entries.map((e) => e.source)).toEqual(["external", "editor"]);
    expect((entries[0]?.before?.spec as { http: unknown[] }).http).toEqual(vs.spec?.http);
    expect((entries[0]?.after?.spec as { http: { timeout?: string }[] }).http[0]?.timeout).toBe("3s");
  });

  it("records a kubectl delete as an external delete, and Topsail's own delete as its entry only", async () => {
    await run(["delete", "vs", "ratings", "-n", "bookinfo"]);
    const entries = await waitFor(async () => {
      const found = await history("VirtualService", "bookinfo", "ratings");
      return found[0]?.action === "delete" ? found : undefined;
    }, "the external delete");
    expect(entries[0]).toMatchObject({ action: "delete", source: "external", after: null });

    const policy = await getIstioObject(connection, {
      kind: "AuthorizationPolicy",
      namespace: "bookinfo",
      name: "reviews-readers",
    });
    if (!policy) throw new Error("the first test created this AuthorizationPolicy");
    await topsail.remove(policy);
    // Recreated by kubectl: the watcher judges an object's events in order, so once this
    // create is recorded, the delete before it has been judged too.
    await kubectl.run(
      ["apply", "-f", "-"],
      JSON.stringify({ ...policy, metadata: { name: "reviews-readers", namespace: "bookinfo" } }),
    );
    const policyHistory = await waitFor(async () => {
      const found = await history("AuthorizationPolicy", "bookinfo", "reviews-readers");
      return found[0]?.source === "external" ? found : undefined;
    }, "the external re-create");
    expect(policyHistory.map((e) => `${e.source} ${e.action}`)).toEqual([
      "external create",
      "editor delete",
      "external update",
      "editor create",
    ]);
  });

  it("records an external change of a namespace's injection label, and only changes of the injection keys", async () => {
    await run(["label", "ns", "bookinfo", "istio-injection=disabled", "--overwrite"]);
    await run(["label", "ns", "bookinfo", "team=reviews"]);
    await run(["label", "ns", "bookinfo", "istio-injection=enabled", "--overwrite"]);
    const entries = await waitFor(async () => {
      const found = await history("Namespace", "bookinfo", "bookinfo");
      return found.length >= 2 ? found : undefined;
    }, "the external entries of the namespace label");
    // Two changes of the injection label; the `team` label between them is no injection setting.
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      source: "external",
      action: "update",
      actor: EXTERNAL_ACTOR,
      before: { "metadata.labels": { "istio-injection": "enabled", "istio.io/rev": null } },
      after: { "metadata.labels": { "istio-injection": "disabled", "istio.io/rev": null } },
    });
    expect(entries[0]).toMatchObject({
      source: "external",
      after: { "metadata.labels": { "istio-injection": "enabled" } },
    });
    expect(entries[0]?.resourceVersion).toBe((await readNamespaceLabels(connection, "bookinfo")).resourceVersion);
  });

  it("records an external change of a Deployment's sidecar.istio.io/inject pod-template annotation", async () => {
    await run([
      "patch",
      "deployment",
      "details-v1",
      "-n",
      "bookinfo",
      "--type",
      "merge",
      "-p",
      JSON.stringify({ spec: { template: { metadata: { annotations: { "sidecar.istio.io/inject": "false" } } } } }),
    ]);
    const entries = await waitFor(async () => {
      const found = await history("Deployment", "bookinfo", "details-v1");
      return externalOf(found).length > 0 ? found : undefined;
    }, "the external entry of the Deployment annotation");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      before: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": null } },
      after: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" } },
    });
  });

  it("answers GET /api/audit/{id} of a sidecar-injection entry with the live value of the label", async () => {
    const ns = await readNamespaceLabels(connection, "httpbin");
    const entry = await topsail.setNamespaceInjection("httpbin", false, ns.resourceVersion);

    const response = await getAuditEntryRoute(new Request(`http://console/api/audit/${entry.id}`), {
      params: Promise.resolve({ id: entry.id }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      entry: { kind: string; status: string };
      live: { resourceVersion: string | null; yaml: string };
      afterYaml: string;
    };
    expect(body.entry).toMatchObject({ kind: "Namespace", status: "applied" });
    expect(body.live.resourceVersion).toBe((await readNamespaceLabels(connection, "httpbin")).resourceVersion);
    expect(body.live.yaml).toContain("istio-injection: disabled");
    expect(body.afterYaml).toContain("istio-injection: disabled");

    // A later external change of the same namespace: once it is recorded, Topsail's toggle
    // before it has been judged too — and not as external.
    await run(["label", "ns", "httpbin", "istio.io/rev=canary"]);
    const entries = await waitFor(async () => {
      const found = await history("Namespace", "httpbin", "httpbin");
      return externalOf(found).length > 0 ? found : undefined;
    }, "the external entry of the revision label");
    expect(entries.map((e) => e.source)).toEqual(["external", "editor"]);
    expect(entries[0]?.after).toEqual({
      "metadata.labels": { "istio-injection": "disabled", "istio.io/rev": "canary" },
    });
  });
});
