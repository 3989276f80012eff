import { describe, expect, it } from "vitest";
import { parseDemoFlags } from "./parse-demo-flags";

describe("parseDemoFlags", () => {
  it("uses the documented default ports", () => {
    expect(parseDemoFlags([])).toEqual({
      fresh: false,
      apiPort: 18080,
      metricsPort: 15090,
      tracingPort: 16686,
      prometheusPort: 9090,
      consolePort: 3000,
    });
  });

  it("reads --fresh and custom ports", () => {
    expect(parseDemoFlags(["--fresh", "--console-port", "3100", "--scale", "200"])).toMatchObject({
      fresh: true,
      consolePort: 3100,
      scale: 200,
    });
  });

  it("names the flag when a port is not a port", () => {
    expect(() => parseDemoFlags(["--prometheus-port", "ninety"])).toThrow(/--prometheus-port must be a port/);
  });

  it("refuses two processes on one port", () => {
    expect(() => parseDemoFlags(["--console-port", "9090"])).toThrow(/ports must differ/);
  });

  it("refuses unknown flags", () => {
    expect(() => parseDemoFlags(["--colour"])).toThrow();
  });
});
