/** Runs the real kubectl against a simulator's kubeconfig, with a private discovery cache. */
import { execFile, spawn, type ChildProcess } from "node:child_process";

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Kubectl {
  run(args: string[], input?: string): Promise<KubectlResult>;
  /** A long-running kubectl (watch, logs -f, port-forward); `env` is added to this process's environment. */
  spawn(args: string[], env?: Record<string, string>): ChildProcess;
}

export const KUBECTL = "/usr/bin/kubectl";

export function kubectlFor(kubeconfigPath: string, cacheDir: string, extra: string[] = []): Kubectl {
  const base = ["--kubeconfig", kubeconfigPath, "--cache-dir", cacheDir, ...extra];
  return {
    run: (args, input) =>
      new Promise((resolve) => {
        const child = execFile(KUBECTL, [...base, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
          const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
          resolve({ code, stdout, stderr });
        });
        if (input !== undefined) child.stdin?.end(input);
      }),
    spawn: (args, env) =>
      spawn(KUBECTL, [...base, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } }),
  };
}
