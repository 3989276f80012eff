/** The hand-written Bookinfo productpage sidecar dump (see the README of this folder) as the adapter hands it over. */
import { readFileSync } from "node:fs";
import { parseConfigDump, type ConfigDump } from "@/lib/envoy/config-dump";

export function productpageDumpJson(): unknown {
  return JSON.parse(readFileSync(new URL("./productpage-config-dump.json", import.meta.url), "utf8"));
}

export function productpageDump(): ConfigDump {
  return parseConfigDump(productpageDumpJson());
}
