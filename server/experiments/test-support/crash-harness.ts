/**
 * For the crash test: the console's runner as a child process (runner-process.ts) that can
 * be SIGKILLed, and a watch on a namespace's VirtualServices that notes, per experiment, when
 * its rules appeared and when the last of them disappeared — as the cluster saw it, not as
 * the database claims.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const entry = path.join(repoRoot, "server/experiments/test-support/runner-process.ts");

export interface RunnerChild {
  readonly pid: number;
  /** Sends SIGKILL now (no clean-up of any kind, as when the machine dies); returns when, in ms. */
  killNow(): number;
  /** SIGKILL if still running, then waits for the exit. */
  kill(): Promise<void>;
  /** Everything the child wrote, for a failing test's message. */
  output(): string;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the runner child with `env` added to this process's environment; resolves once it says "ready". */
export function startRunnerChild(env: Record<string, string>, timeoutMs = 30_000): Promise<RunnerChild> {
  return startConsoleChild(entry, { ...env, TOPSAIL_BACKGROUND: "off" }, "ready", timeoutMs);
}

/**
 * Starts a TypeScript entry point of the console (repository-relative or absolute) as a child
 * process, under the react-server condition as the console's server code runs, with `env`
 * added to this process's environment; resolves once its output contains `readyWord`.
 */
export async function startConsoleChild(
  script: string,
  env: Record<string, string>,
  readyWord: string,
  timeoutMs = 30_000,
): Promise<RunnerChild> {
  const child = spawn(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.resolve(repoRoot, script)],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const handle: RunnerChild = {
    pid: child.pid ?? -1,
    killNow() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return Date.now();
    },
    async kill() {
      handle.killNow();
      await exited(child);
    },
    output: () => output,
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not say "${readyWord}" within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = () => {
      if (!output.includes(readyWord)) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      resolve();
    };
    child.stdout.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await handle.kill();
    throw error;
  });
  return handle;
}

export interface RuleLife {
  /** When a rule of the experiment was first seen (ms since the epoch). */
  firstSeen: number;
  /** When the last of its rules disappeared; undefined while one is live. */
  goneAt?: number;
}

export interface VirtualServiceLike {
  metadata: { name?: string };
  [field: string]: unknown;
}

/**
 * What the watch needs of the simulator's object store (sim/store/types.ts StoreClient):
 * server code never imports sim/, so the integration test hands the store in.
 */
export interface WatchableStore {
  list(ref: { group: string; resource: string }, namespace?: string): { items: VirtualServiceLike[] };
  watch(
    ref: { group: string; resource: string },
    namespace: string | undefined,
    onEvent: (event: { type: string; object: VirtualServiceLike }) => void,
  ): () => void;
}

export interface RuleWatch {
  /**
   * Calls `onSeen` when a rule of the experiment first appears — synchronously, inside the
   * store's write, before the API server has answered the writer.
   */
  whenSeen(experimentId: string, onSeen: () => void): void;
  life(experimentId: string): RuleLife | undefined;
  stop(): void;
}

/** `topsail-experiment-<id>` or one of its copies `topsail-experiment-<id>-<n>` (ids are cuids: no dashes). */
const ruleName = /^topsail-experiment-([a-z0-9]+)(?:-\d+)?$/i;

function experimentIds(vs: VirtualServiceLike): Set<string> {
  const ids = new Set<string>();
  for (const rule of (vs.spec as { http?: { name?: string }[] } | undefined)?.http ?? []) {
    const match = ruleName.exec(rule.name ?? "");
    if (match?.[1]) ids.add(match[1]);
  }
  return ids;
}

/**
 * Watches a namespace's VirtualServices in the simulator's store. The store delivers its
 * events synchronously as each write commits, so a kill from `whenSeen` lands before the
 * runner has even read the API server's answer — the window a crash after a write lives in
 * (a client-node watch sees the event a few milliseconds later, usually after the runner
 * has already saved).
 */
export function watchExperimentRules(store: WatchableStore, namespace: string): RuleWatch {
  const ref = { group: "networking.istio.io", resource: "virtualservices" };
  const byObject = new Map<string, Set<string>>();
  const lives = new Map<string, RuleLife>();
  const hooks = new Map<string, () => void>();

  const settle = () => {
    const now = Date.now();
    const live = new Set([...byObject.values()].flatMap((ids) => [...ids]));
    for (const id of live) {
      const life = lives.get(id) ?? { firstSeen: now };
      delete life.goneAt;
      lives.set(id, life);
      const hook = hooks.get(id);
      hooks.delete(id);
      hook?.();
    }
    for (const [id, life] of lives) if (!live.has(id) && life.goneAt === undefined) life.goneAt = now;
  };

  for (const vs of store.list(ref, namespace).items) byObject.set(vs.metadata.name ?? "", experimentIds(vs));
  settle();
  const unsubscribe = store.watch(ref, namespace, (event) => {
    const name = event.object.metadata.name ?? "";
    if (event.type === "DELETED") byObject.delete(name);
    else byObject.set(name, experimentIds(event.object));
    settle();
  });
  return {
    whenSeen(experimentId, onSeen) {
      if (lives.has(experimentId)) onSeen();
      else hooks.set(experimentId, onSeen);
    },
    life: (experimentId) => lives.get(experimentId),
    stop: unsubscribe,
  };
}
