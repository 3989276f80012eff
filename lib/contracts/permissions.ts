/**
 * GET /api/auth/permissions?namespace=NS → Permissions: which changes the signed-in viewer
 * may make in one namespace, as the cluster's RBAC answers for them, so the UI shows only
 * the buttons that would work. The server refuses what is not allowed either way.
 */
import { z } from "zod";
import { namespaceNameSchema } from "./inventory";

export const permissionsQuerySchema = z.object({ namespace: namespaceNameSchema });
export type PermissionsQuery = z.infer<typeof permissionsQuerySchema>;

/** The changes the UI offers, one per kind of button. */
export const permissionNames = [
  /** New Istio objects (editor "create", wizards that add a VirtualService or DestinationRule). */
  "createIstioConfig",
  /** Editing and applying existing Istio objects, wizards, rollbacks. */
  "updateIstioConfig",
  "deleteIstioConfig",
  /** The namespace's istio-injection label. */
  "setNamespaceInjection",
  /** A workload's sidecar.istio.io/inject annotation. */
  "setWorkloadInjection",
  /** Fault and canary experiments (the runner then makes the changes as the console). */
  "startExperiments",
] as const;
export type PermissionName = (typeof permissionNames)[number];

export const permissionsSchema = z.object({
  namespace: z.string(),
  /** TOPSAIL_VIEW_ONLY=on: nothing is allowed, whoever asks. */
  viewOnly: z.boolean(),
  allowed: z.object(
    Object.fromEntries(permissionNames.map((name) => [name, z.boolean()])) as {
      [K in PermissionName]: z.ZodBoolean;
    },
  ),
});
export type Permissions = z.infer<typeof permissionsSchema>;
