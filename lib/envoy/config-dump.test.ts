import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { parseConfigDump } from "./config-dump";

const fixture = () =>
  JSON.parse(
    readFileSync(new URL("../../server/envoy/__fixtures__/productpage-config-dump.json", import.meta.url), "utf8"),
  ) as { configs: Record<string, unknown>[] };

describe("parsing a config dump", () => {
  it("reads the sections Topsail shows and names the others", () => {
    const dump = parseConfigDump(fixture());
    expect(dump.ClustersConfigDump?.dynamic_active_clusters.length).toBeGreaterThan(5);
    expect(dump.RoutesConfigDump?.dynamic_route_configs[0]?.route_config.name).toBe("9080");
    expect(dump.others).toContain("SecretsConfigDump");
  });

  it("keeps fields it does not know, so a newer Envoy's dump still reads", () => {
    const dump = parseConfigDump(fixture());
    expect(dump.ClustersConfigDump?.dynamic_active_clusters[0]?.cluster).toHaveProperty("connect_timeout");
  });

  it("names the field of a malformed section", () => {
    const json = fixture();
    const routes = json.configs.find((c) => c["@type"] === "type.googleapis.com/envoy.admin.v3.RoutesConfigDump");
    Object.assign(routes ?? {}, { dynamic_route_configs: [{ route_config: { virtual_hosts: [{ domains: ["*"] }] } }] });
    const error = (() => {
      try {
        parseConfigDump(json);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]?.path).toEqual([
      "configs",
      6,
      "dynamic_route_configs",
      0,
      "route_config",
      "virtual_hosts",
      0,
      "name",
    ]);
  });

  it("refuses an answer that is not a config dump", () => {
    expect(() => parseConfigDump({ stats: [] })).toThrow(ZodError);
  });
});
