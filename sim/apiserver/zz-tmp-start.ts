import { resolve } from "node:path";
import { MemoryStore } from "../store/memory-store";
import { createAdmittedStore } from "../store/admitted-store";
import { admit } from "../admission/index";
import { startApiServer } from "./start-api-server";
import { allowEveryone } from "./authenticate";
import { allowAll } from "./authorize-rbac";
import { ensureTlsMaterial } from "../cli/certificates";
import { writeKubeconfig } from "../cli/write-kubeconfig";
import type { StoreClient } from "../store/types";
export interface RunningSimulator { url: string; caPem: string; kubeconfigPath: string; store: StoreClient; stop(): Promise<void> }
export async function startSimulator(o: { port?: number; dataDir?: string; kubeconfigPath?: string }): Promise<RunningSimulator> {
  const memory = new MemoryStore();
  const store = createAdmittedStore(memory, admit);
  for (const ns of ["default", "bookinfo"]) store.create({ group: "", resource: "namespaces" }, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const tls = ensureTlsMaterial(resolve(o.dataDir ?? "/tmp/x"));
  const server = await startApiServer({ port: o.port ?? 0, keyPem: tls.keyPem, certPem: tls.certPem, memory, admit, authenticate: allowEveryone(), authorize: allowAll() });
  const kubeconfigPath = resolve(o.kubeconfigPath ?? "/tmp/x/kc");
  writeKubeconfig(kubeconfigPath, server.url, tls.caPem, tls.adminToken);
  return { url: server.url, caPem: tls.caPem, kubeconfigPath, store, stop: () => server.close() };
}
