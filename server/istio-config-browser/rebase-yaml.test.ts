import { describe, expect, it } from "vitest";
import { rebaseYaml } from "./rebase-yaml";

const vs =
  "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n";

describe("rebaseYaml", () => {
  it("merges an edit onto a newer live version", () => {
    const result = rebaseYaml({
      base: vs,
      mine: vs.replace("[reviews]", "[reviews, ratings]"),
      theirs: `${vs}  gateways: [mesh]\n`,
      choices: {},
    });
    expect(result).toMatchObject({ conflicts: [], resolved: true });
    expect(result.yaml).toContain("ratings");
    expect(result.yaml).toContain("gateways");
  });

  // Found by server/http/api-fuzz.integration.test.ts: 800 bytes of
  // nested `? ` keys kept the console busy for over ten seconds.
  it("refuses a side whose mapping keys are maps with a 400, at once", () => {
    expect(() => rebaseYaml({ base: vs, mine: "? ".repeat(400) + "x", theirs: vs, choices: {} })).toThrow(
      expect.objectContaining({
        code: "bad_request",
        message: expect.stringContaining("Your version has a mapping key"),
      }),
    );
  });

  // Found by server/http/api-fuzz.integration.test.ts (seed 99): a 500 at 1,000 levels, YAML stringify
  // overflowed the stack; 500 levels always parse, so the refusal is what is tested.
  it("refuses a side with maps nested 500 deep with a 400", () => {
    const deep = `${vs}  http: ${"{a: ".repeat(500)}1${"}".repeat(500)}\n`;
    expect(() => rebaseYaml({ base: vs, mine: deep, theirs: vs, choices: {} })).toThrow(
      expect.objectContaining({
        code: "bad_request",
        message: expect.stringContaining("Your version has lists and maps nested more than 100 levels deep"),
      }),
    );
  });

  it("refuses an alias bomb with a 400", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    expect(() => rebaseYaml({ base: vs, mine: vs, theirs: levels.join("\n"), choices: {} })).toThrow(
      expect.objectContaining({ code: "bad_request" }),
    );
  });
});
