/**
 * A child process of the demo: output goes to a log file, readiness is a line matching a
 * pattern (or a URL answering), and stop() sends SIGTERM, then SIGKILL after a grace period.
 * A child that is not ready in time is killed before the start fails.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";

export interface ManagedProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logFile: string;
  ready: RegExp;
  timeoutMs: number;
}

export async function lastLines(file: string, count = 15): Promise<string> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-count).join("\n");
}

export async function startManagedProcess(options: StartOptions): Promise<ManagedProcess> {
  const log = createWriteStream(options.logFile, { flags: "a" });
  const child = spawn(options.command, options.args, {
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  await new Promise<void>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      // Not ready is not running: a child left behind would hold its port for the next demo.
      child.kill("SIGKILL");
      reject(new Error(`${options.name} was not ready within ${options.timeoutMs / 1000} s (log: ${options.logFile})`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-8192);
      if (options.ready.test(seen)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with code ${code} before it was ready (log: ${options.logFile})`));
    });
  });

  return {
    name: options.name,
    logFile: options.logFile,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
        child.once("exit", () => {
          clearTimeout(timer);
          log.end();
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
