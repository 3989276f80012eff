/**
 * Intent before write (docs/ARCHITECTURE.md "Writes"), shared by every writer of the console (the
 * Istio write path here, the sidecar-injection toggles): a change is recorded as a `pending`
 * audit entry before it reaches the cluster and resolved right after with what the API
 * server answered (`applied` with its resourceVersion, or `failed` with the reason). So a
 * crash or a database failure never leaves an unrecorded change: if the database cannot take
 * the intent, nothing is written; if it cannot take the outcome, the change was still made,
 * the entry stays pending and the audit watcher settles it from the cluster's events.
 */
import "server-only";
import type { AuditAction, AuditSource } from "@/lib/contracts/audit";
import type { AuditOutcome } from "@/server/adapters/db/audit-entries";
import { DbError } from "@/server/errors";
import { getLogger } from "@/server/observability/logger";

/** Where a change lands: the cluster (UID of its kube-system namespace) and the kubeconfig context. */
export interface ClusterIdentity {
  clusterId: string;
  kubeContext: string;
}

export interface AuditIntent extends ClusterIdentity {
  action: AuditAction;
  kind: string;
  namespace: string;
  name: string;
  /** The object (or the field a toggle owns) as it is live; null for a create. */
  before: object | null;
  /** What is about to be written; null for a delete. */
  after: object | null;
  actor: string;
  source: AuditSource;
  comment?: string;
}

export interface AuditIntentDeps {
  /** Read once per request; stored on every entry the request records. */
  cluster(): Promise<ClusterIdentity>;
  /** Records a pending entry; throws when the database cannot take it. */
  recordIntent(intent: AuditIntent): Promise<{ id: string }>;
  resolveIntent(id: string, outcome: AuditOutcome): Promise<void>;
  /** For what must not fail a request whose change was made (an outcome the database refused). */
  log(message: string, error?: unknown): void;
}

export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Prisma's messages open with the call site and a source excerpt; the last line is the driver's reason. */
const databaseReason = (error: unknown): string => {
  const lines = reasonOf(error)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.length > 1 ? lines.at(-1)! : (lines[0] ?? "unknown error");
};

const labelOf = (intent: Pick<AuditIntent, "kind" | "namespace" | "name">) =>
  `${intent.kind} ${intent.namespace}/${intent.name}`;

/** Records the intent, or throws a `database` error saying that nothing reached the cluster. */
export async function recordIntentOrThrow(deps: AuditIntentDeps, intent: AuditIntent): Promise<string> {
  try {
    return (await deps.recordIntent(intent)).id;
  } catch (error) {
    throw new DbError(
      `The audit log could not record the change of ${labelOf(intent)} before making it (${databaseReason(error)}), so nothing was changed in the cluster. Check the database (DATABASE_URL, npm run setup) and try again.`,
      { cause: error },
    );
  }
}

/**
 * Records an outcome without failing the caller: the cluster write it describes has already
 * happened (or was refused) and that is what the user must be told. A pending entry left
 * behind is settled by the audit watcher from the cluster's events.
 */
export async function resolveIntentQuietly(
  deps: AuditIntentDeps,
  id: string,
  outcome: AuditOutcome,
  what: string,
): Promise<void> {
  // Every cluster write of the console ends here, applied or failed: its one log line.
  getLogger().info(
    outcome.status === "applied"
      ? {
          event: "cluster_write",
          object: what,
          auditId: id,
          status: outcome.status,
          resourceVersion: outcome.resourceVersion,
        }
      : { event: "cluster_write", object: what, auditId: id, status: outcome.status, error: outcome.error },
    `${outcome.status === "applied" ? "changed" : "did not change"} ${what}`,
  );
  try {
    await deps.resolveIntent(id, outcome);
  } catch (error) {
    deps.log(
      `Audit entry ${id} for ${what} stays pending: its outcome (${outcome.status}) could not be recorded (${reasonOf(error)}).`,
      error,
    );
  }
}
