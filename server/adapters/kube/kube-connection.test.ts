import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getKubeConnection, pinnedKubeContext } from "./kube-connection";

const dir = mkdtempSync(path.join(tmpdir(), "topsail-kubeconfig-"));
const file = path.join(dir, "config");

function writeKubeconfig(current: string): void {
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- { name: prod, cluster: { server: 'https://prod.example:6443' } }",
      "- { name: staging, cluster: { server: 'https://staging.example:6443' } }",
      "users: [{ name: admin, user: { token: t } }]",
      "contexts:",
      "- { name: prod, context: { cluster: prod, user: admin } }",
      "- { name: staging, context: { cluster: staging, user: admin } }",
      `current-context: ${current}`,
    ].join("\n"),
  );
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the console's Kubernetes connection", () => {
  it("stays on the context it started with when someone runs kubectl config use-context", () => {
    process.env.KUBECONFIG = file;
    delete process.env.TOPSAIL_KUBE_CONTEXT;
    writeKubeconfig("prod");
    expect(getKubeConnection()).toMatchObject({ context: "prod", server: "https://prod.example:6443" });
    writeKubeconfig("staging");
    expect(getKubeConnection()).toMatchObject({ context: "prod", server: "https://prod.example:6443" });
    expect(pinnedKubeContext()).toBe("prod");
  });

  it("reaches another context only when asked for it by name, and says so when it is gone", () => {
    expect(getKubeConnection("staging")).toMatchObject({ context: "staging", server: "https://staging.example:6443" });
    expect(() => getKubeConnection("qa")).toThrow(/Kubernetes context "qa" is not in the kubeconfig/);
  });
});
