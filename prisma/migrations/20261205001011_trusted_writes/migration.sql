-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN "clusterId" TEXT;
ALTER TABLE "Experiment" ADD COLUMN "kubeContext" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'applied',
    "error" TEXT,
    "resourceVersion" TEXT,
    "clusterId" TEXT,
    "kubeContext" TEXT,
    "action" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "comment" TEXT,
    "source" TEXT NOT NULL
);
INSERT INTO "new_AuditEntry" ("action", "actor", "after", "before", "comment", "createdAt", "id", "kind", "name", "namespace", "source") SELECT "action", "actor", "after", "before", "comment", "createdAt", "id", "kind", "name", "namespace", "source" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_namespace_kind_name_idx" ON "AuditEntry"("namespace", "kind", "name");
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");
CREATE INDEX "AuditEntry_status_idx" ON "AuditEntry"("status");
CREATE INDEX "AuditEntry_actor_idx" ON "AuditEntry"("actor");
CREATE INDEX "AuditEntry_source_idx" ON "AuditEntry"("source");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
