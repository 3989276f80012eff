import { describe, expect, it } from "vitest";
import { parseFlags } from "./parse-flags";

describe("the simulator's flags", () => {
  it("serves traces on Jaeger's port 16686 whenever it serves traffic", () => {
    expect(parseFlags([])).toMatchObject({ metricsPort: 15090, tracingPort: 16686 });
    expect(parseFlags(["--tracing-port", "0"]).tracingPort).toBe(0);
  });

  it("serves no traces without traffic", () => {
    expect(parseFlags(["--no-traffic", "--tracing-port", "16700"]).tracingPort).toBeUndefined();
  });

  it("rejects a tracing port that is not a number", () => {
    expect(() => parseFlags(["--tracing-port", "jaeger"])).toThrow(/--tracing-port must be a non-negative integer/);
  });
});
