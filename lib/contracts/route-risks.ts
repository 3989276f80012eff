/**
 * Routes a change would make that send requests nowhere: to a subset no DestinationRule
 * defines (Envoy has no cluster for it: 503 NR), or to a subset whose labels select no
 * running pod (istioctl analyze's IST0173: the cluster has no endpoints, 503 UH). The write
 * path refuses such a change unless the request confirms each kind of risk by name
 * (`confirm: ["missing-subset"]`), so a user sends traffic nowhere only on purpose.
 */
import { z } from "zod";

export const routeRiskKinds = ["missing-subset", "subset-without-pods"] as const;
export const routeRiskKindSchema = z.enum(routeRiskKinds);
export type RouteRiskKind = z.infer<typeof routeRiskKindSchema>;

export const routeRiskSchema = z.object({
  kind: routeRiskKindSchema,
  /** The VirtualService whose route it is. */
  virtualService: z.object({ namespace: z.string(), name: z.string() }),
  /** The destination's host as Istio reads it (FQDN) and the subset. */
  host: z.string(),
  subset: z.string(),
  /** In words: "subset v9 of reviews (bookinfo) is not defined in any DestinationRule". */
  message: z.string(),
});
export type RouteRisk = z.infer<typeof routeRiskSchema>;

/** The risks a user has read and accepts; each kind at most once. */
export const routeRiskConfirmationSchema = z
  .array(routeRiskKindSchema)
  .max(routeRiskKinds.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, "name each risk once")
  .optional();

/** The risks a confirmation does not cover. */
export function unconfirmedRisks(risks: readonly RouteRisk[], confirm: readonly RouteRiskKind[] = []): RouteRisk[] {
  return risks.filter((risk) => !confirm.includes(risk.kind));
}
