/**
 * Drives virtual time from the wall clock: every ~50 ms the engine advances to the time
 * elapsed since start. If the process stalled (a debugger, a suspended laptop), the gap
 * beyond a few seconds is skipped rather than replayed as a burst of traffic.
 */
import type { MeshEngine } from "./mesh-engine";

const TICK_MS = 50;
const MAX_CATCH_UP_MS = 2_000;

export function startRealTimeDriver(engine: MeshEngine): { stop(): void } {
  let offset = performance.now() - engine.now;
  const timer = setInterval(() => {
    let target = performance.now() - offset;
    if (target - engine.now > MAX_CATCH_UP_MS) {
      offset += target - engine.now - MAX_CATCH_UP_MS;
      target = engine.now + MAX_CATCH_UP_MS;
    }
    engine.advanceTo(target);
  }, TICK_MS);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
