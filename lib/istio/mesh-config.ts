/**
 * istiod's MeshConfig as the `istio` ConfigMap carries it (key `mesh`, YAML), read once for
 * every reader — the console's validation context, its Mesh page, and the simulator's data
 * plane — so they cannot disagree about what the mesh says. Only the fields Topsail acts on
 * are typed; the rest pass through. Pure: the caller finds the ConfigMap.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";

/** ALLOW_ANY_DYNAMIC_DNS passes unknown hosts through as ALLOW_ANY does, resolving them per request. */
export const outboundTrafficModes = ["ALLOW_ANY", "REGISTRY_ONLY", "ALLOW_ANY_DYNAMIC_DNS"] as const;
export type OutboundTrafficMode = (typeof outboundTrafficModes)[number];

const meshConfigSchema = z.looseObject({
  rootNamespace: z.string().optional(),
  trustDomain: z.string().optional(),
  enableAutoMtls: z.boolean().optional(),
  outboundTrafficPolicy: z.looseObject({ mode: z.enum(outboundTrafficModes).optional() }).nullish(),
});
export type MeshConfigFields = z.infer<typeof meshConfigSchema>;

export type ParsedMeshConfig = { ok: true; mesh: MeshConfigFields } | { ok: false; problem: string };

/** The `mesh` key's YAML; an absent or empty key is an empty MeshConfig (Istio's defaults). */
export function parseMeshConfig(text: string | undefined): ParsedMeshConfig {
  let yaml: unknown;
  try {
    yaml = parseYaml(text ?? "") ?? {};
  } catch (error) {
    return { ok: false, problem: `its mesh is not YAML: ${(error as Error).message}` };
  }
  const parsed = meshConfigSchema.safeParse(yaml);
  if (parsed.success) return { ok: true, mesh: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `its mesh does not parse${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}`,
  };
}
