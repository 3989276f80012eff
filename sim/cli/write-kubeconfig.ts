/** A kubeconfig for the simulator that verifies TLS against its CA, as kind and minikube write theirs. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "yaml";

export const SIM_CONTEXT = "topsail-sim";

/** kubectl prompts for a password when a user has no credentials at all, so the user always carries a token. */
export function renderKubeconfig(server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: SIM_CONTEXT, cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") } }],
    contexts: [{ name: SIM_CONTEXT, context: { cluster: SIM_CONTEXT, user: SIM_CONTEXT } }],
    "current-context": SIM_CONTEXT,
    preferences: {},
    users: [{ name: SIM_CONTEXT, user: { token } }],
  });
}

export function writeKubeconfig(path: string, server: string, caPem: string, token: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, renderKubeconfig(server, caPem, token), { mode: 0o600 });
  renameSync(tmp, path);
}
