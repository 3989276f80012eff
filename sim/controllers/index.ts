/** Starts the simulator's built-in controllers against the store (see README.md). */
import type { StoreClient } from "../store/types";
import { runControllers, type ControllerOptions, type RunningControllers } from "./run-controllers";

export type { ControllerOptions, RunningControllers } from "./run-controllers";

export function startControllers(store: StoreClient, options: ControllerOptions = {}): RunningControllers {
  return runControllers(store, options);
}
