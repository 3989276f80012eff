import { describe, expect, it } from "vitest";
import { consoleReadyLine, consoleReadyPattern } from "./console-ready";

describe("the console's ready line", () => {
  it("is what the demo waits for, for IPv4 and IPv6 binds", () => {
    expect(consoleReadyLine("127.0.0.1", 3000)).toBe("Topsail ready on http://127.0.0.1:3000");
    expect(consoleReadyLine("::1", 3100)).toBe("Topsail ready on http://[::1]:3100");
    for (const line of [consoleReadyLine("127.0.0.1", 3000), consoleReadyLine("::1", 3100)])
      expect(consoleReadyPattern.test(line)).toBe(true);
    expect(consoleReadyPattern.test("✓ Ready in 812ms")).toBe(false);
  });
});
