/** What every entry point's traffic generator offers the engine. */
import type { EngineContext } from "../engine/context";
import type { EntryPointLoad } from "./load-settings";

export interface LoadGenerator {
  apply(load: EntryPointLoad): void;
  stop(): void;
  /** Called on every engine tick, for generators that follow the mesh's shape. */
  tick?(): void;
}

export interface GeneratorContext {
  ctx: EngineContext;
  isPaused(): boolean;
}
