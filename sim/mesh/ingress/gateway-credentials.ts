/**
 * A Gateway server's `tls.credentialName` read as istiod's secret controller reads it: the
 * Secret in the gateway pod's namespace, its type ignored; certificate and key from keys
 * `cert`/`key` first, else `tls.crt`/`tls.key`; for MUTUAL the client CA from a Secret
 * `<name>-cacert`, else the same Secret's `cacert` or `ca.crt`. Read at every handshake, so a
 * `kubectl create secret` counts at once, as SDS pushes it to Envoy.
 */
import { z } from "zod";
import type { StoreClient } from "../../store/types";

const SECRETS = { group: "", resource: "secrets" };

export interface Credential {
  cert: Buffer;
  key: Buffer;
  /** The client CA bundle (MUTUAL only). */
  ca?: Buffer;
}

export type CredentialResult = { ok: true; credential: Credential } | { ok: false; reason: string };

const secretData = z.looseObject({ data: z.record(z.string(), z.string()).optional() });

function dataOf(store: StoreClient, namespace: string, name: string): Record<string, Buffer> | undefined {
  const parsed = secretData.safeParse(store.get(SECRETS, namespace, name));
  if (!parsed.success) return undefined;
  const out: Record<string, Buffer> = {};
  for (const [key, value] of Object.entries(parsed.data.data ?? {})) out[key] = Buffer.from(value, "base64");
  return out;
}

export function loadCredential(store: StoreClient, namespace: string, name: string, mutual: boolean): CredentialResult {
  const data = dataOf(store, namespace, name);
  if (!data) return { ok: false, reason: `secret ${namespace}/${name} not found` };
  const cert = data.cert ?? data["tls.crt"];
  const key = data.cert ? data.key : data["tls.key"];
  if (!cert || !key)
    return {
      ok: false,
      reason: `found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${Object.keys(data).join(", ")}`,
    };
  if (!mutual) return { ok: true, credential: { cert, key } };
  const caSecret = dataOf(store, namespace, `${name}-cacert`);
  const ca = caSecret?.cacert ?? caSecret?.["ca.crt"] ?? data.cacert ?? data["ca.crt"];
  if (!ca) return { ok: false, reason: `secret ${namespace}/${name} has no client CA (cacert or ca.crt)` };
  return { ok: true, credential: { cert, key, ca } };
}
