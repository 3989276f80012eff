import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRuntimeStage } from "./read-dockerfile";

const dockerfile = readFileSync(path.resolve(import.meta.dirname, "../../Dockerfile"), "utf8");

describe("the Dockerfile's runtime stage", () => {
  const stage = readRuntimeStage(dockerfile);

  it("runs Next's standalone server with its static files and public/ beside it", () => {
    expect(stage.cmd).toEqual(["node", "server.js"]);
    expect(stage.copies).toEqual([
      { source: "/src/.next/standalone", destination: "./" },
      { source: "/src/.next/static", destination: "./.next/static" },
      { source: "/src/public", destination: "./public" },
    ]);
  });

  it("runs as a non-root user, without telemetry, keeping its database in /tmp", () => {
    expect(stage.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(stage.env).toMatchObject({ NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" });
    expect(stage.env.DATABASE_URL).toMatch(/^file:\/tmp\//);
  });

  it("refuses an instruction it does not know how to run", () => {
    expect(() => readRuntimeStage(`${dockerfile}\nVOLUME /data\n`)).toThrow(/VOLUME in the runtime stage/);
  });
});
