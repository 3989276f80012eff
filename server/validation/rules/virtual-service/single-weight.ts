/**
 * KIA1104: a lone destination with a weight below 100. Istio sends it all the traffic
 * anyway; the weight usually means the user thinks a share goes elsewhere.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { Rule } from "../../types";
import { routeLists } from "./route-destinations";

export const checkSingleRouteWeight: Rule<VirtualService> = (vs) =>
  routeLists(vs).flatMap((list) => {
    const only = list.length === 1 ? list[0] : undefined;
    if (!only || typeof only.weight !== "number" || only.weight >= 100) return [];
    return [buildCheck("KIA1104", `${only.path}/weight`, { detail: `weight ${only.weight}` })];
  });
