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
  it("opens the ingress gateway's real ports only when asked, and only with traffic", () => {
    expect(parseFlags([])).not.toHaveProperty("ingressHttpPort");
    expect(parseFlags(["--ingress-http-port", "8080", "--ingress-https-port", "8443"])).toMatchObject({
      ingressHttpPort: 8080,
      ingressHttpsPort: 8443,
    });
    expect(parseFlags(["--no-traffic", "--ingress-http-port", "8080"]).ingressHttpPort).toBeUndefined();
  });
});
