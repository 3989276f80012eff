/** A kubeconfig for the simulator that verifies TLS against its CA, as kind and minikube write theirs. */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { stringify } from "yaml";

export const SIM_CONTEXT = "topsail-sim";

/** A user of the token file (`--tokens`), given a context of their own. */
export interface UserCredentials {
  name: string;
  token: string;
}

/** `alice@topsail-sim`, as kubeadm names its `kubernetes-admin@kubernetes`. */
export function userContext(name: string): string {
  return `${name}@${SIM_CONTEXT}`;
}

/**
 * The admin context is current; each token-file user gets a context of their own on the same
 * cluster (`kubectl --context alice@topsail-sim`). kubectl prompts for a password when a user
 * has no credentials at all, so every user carries a token.
 */
export function renderKubeconfig(server: string, caPem: string, token: string, users: UserCredentials[] = []): string {
  const contexts = [
    { name: SIM_CONTEXT, user: token },
    ...users.map((u) => ({ name: userContext(u.name), user: u.token })),
  ];
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: SIM_CONTEXT, cluster: { server, "certificate-authority-data": Buffer.from(caPem).toString("base64") } },
    ],
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: SIM_CONTEXT, user: c.name } })),
    "current-context": SIM_CONTEXT,
    preferences: {},
    users: contexts.map((c) => ({ name: c.name, user: { token: c.user } })),
  });
}

export function writeKubeconfig(
  path: string,
  server: string,
  caPem: string,
  token: string,
  users: UserCredentials[] = [],
): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, renderKubeconfig(server, caPem, token, users), { mode: 0o600 });
  renameSync(tmp, path);
}
