import { z } from "zod";

export const namespaceSummarySchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  phase: z.string(),
});
export type NamespaceSummary = z.infer<typeof namespaceSummarySchema>;

export const namespaceListSchema = z.object({ namespaces: z.array(namespaceSummarySchema) });
export type NamespaceList = z.infer<typeof namespaceListSchema>;
