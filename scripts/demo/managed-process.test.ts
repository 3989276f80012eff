import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startManagedProcess } from "./managed-process";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("startManagedProcess", () => {
  let dir = "";
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("kills a child that never becomes ready, so it does not hold its port for the next demo", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-managed-"));
    const logFile = path.join(dir, "child.log");
    const start = startManagedProcess({
      name: "the console",
      command: process.execPath,
      args: ["-e", "console.log('pid', process.pid); setInterval(() => {}, 1000)"],
      logFile,
      ready: /never printed/,
      timeoutMs: 1_000,
    });
    await expect(start).rejects.toThrow("the console was not ready within 1 s");
    const pid = Number(/pid (\d+)/.exec(await readFile(logFile, "utf8"))?.[1]);
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => alive(pid), { timeout: 3_000 }).toBe(false);
  });

  it("resolves on the ready line and stops the child", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-managed-"));
    const running = await startManagedProcess({
      name: "the simulator",
      command: process.execPath,
      args: ["-e", "console.log('topsail-sim ready'); setInterval(() => {}, 1000)"],
      logFile: path.join(dir, "child.log"),
      ready: /ready/,
      timeoutMs: 5_000,
    });
    const pid = running.child.pid ?? 0;
    expect(alive(pid)).toBe(true);
    await running.stop();
    expect(alive(pid)).toBe(false);
  });
});
