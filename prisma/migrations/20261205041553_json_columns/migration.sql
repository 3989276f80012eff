-- JSON values move from TEXT to Prisma's Json columns (declared JSONB; Prisma keeps JSON text
-- in them on SQLite). Changing a column's type rebuilds the table: every row is copied, its
-- JSON text unchanged and NULL staying NULL. Text that is not JSON (only ever written by hand;
-- Topsail wrote JSON.stringify's output) is kept as a JSON string, since Prisma could not read
-- the row at all otherwise; the PostgreSQL migration of the same name does the same.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorGroups" JSONB,
    "status" TEXT NOT NULL DEFAULT 'applied',
    "error" TEXT,
    "resourceVersion" TEXT,
    "clusterId" TEXT,
    "kubeContext" TEXT,
    "action" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "comment" TEXT,
    "source" TEXT NOT NULL
);
INSERT INTO "new_AuditEntry" ("action", "actor", "actorGroups", "after", "before", "clusterId", "comment", "createdAt", "error", "id", "kind", "kubeContext", "name", "namespace", "resourceVersion", "source", "status") SELECT "action", "actor", CASE WHEN "actorGroups" IS NULL OR json_valid("actorGroups") THEN "actorGroups" ELSE json_quote("actorGroups") END, CASE WHEN "after" IS NULL OR json_valid("after") THEN "after" ELSE json_quote("after") END, CASE WHEN "before" IS NULL OR json_valid("before") THEN "before" ELSE json_quote("before") END, "clusterId", "comment", "createdAt", "error", "id", "kind", "kubeContext", "name", "namespace", "resourceVersion", "source", "status" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_namespace_kind_name_idx" ON "AuditEntry"("namespace", "kind", "name");
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");
CREATE INDEX "AuditEntry_status_idx" ON "AuditEntry"("status");
CREATE INDEX "AuditEntry_actor_idx" ON "AuditEntry"("actor");
CREATE INDEX "AuditEntry_source_idx" ON "AuditEntry"("source");
CREATE UNIQUE INDEX "AuditEntry_external_change_once" ON "AuditEntry"("clusterId", "kind", "namespace", "name", "resourceVersion") WHERE source = 'external';
CREATE TABLE "new_Experiment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actorGroups" JSONB,
    "clusterId" TEXT,
    "kubeContext" TEXT,
    "spec" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "command" TEXT,
    "verdict" TEXT,
    "summary" TEXT,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME
);
INSERT INTO "new_Experiment" ("actor", "actorGroups", "clusterId", "command", "createdAt", "finishedAt", "id", "kind", "kubeContext", "leaseOwner", "leaseUntil", "namespace", "phase", "service", "spec", "startedAt", "state", "status", "summary", "updatedAt", "verdict") SELECT "actor", CASE WHEN "actorGroups" IS NULL OR json_valid("actorGroups") THEN "actorGroups" ELSE json_quote("actorGroups") END, "clusterId", "command", "createdAt", "finishedAt", "id", "kind", "kubeContext", "leaseOwner", "leaseUntil", "namespace", "phase", "service", CASE WHEN "spec" IS NULL OR json_valid("spec") THEN "spec" ELSE json_quote("spec") END, "startedAt", CASE WHEN "state" IS NULL OR json_valid("state") THEN "state" ELSE json_quote("state") END, "status", "summary", "updatedAt", "verdict" FROM "Experiment";
DROP TABLE "Experiment";
ALTER TABLE "new_Experiment" RENAME TO "Experiment";
CREATE INDEX "Experiment_status_idx" ON "Experiment"("status");
CREATE INDEX "Experiment_namespace_service_status_idx" ON "Experiment"("namespace", "service", "status");
CREATE INDEX "Experiment_createdAt_idx" ON "Experiment"("createdAt");
CREATE UNIQUE INDEX "Experiment_one_active_per_service" ON "Experiment"("namespace", "service") WHERE status IN ('pending', 'running', 'paused');
CREATE TABLE "new_ExperimentEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "experimentId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "type" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "auditId" TEXT,
    CONSTRAINT "ExperimentEvent_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ExperimentEvent" ("at", "auditId", "data", "experimentId", "id", "message", "phase", "type") SELECT "at", "auditId", CASE WHEN "data" IS NULL OR json_valid("data") THEN "data" ELSE json_quote("data") END, "experimentId", "id", "message", "phase", "type" FROM "ExperimentEvent";
DROP TABLE "ExperimentEvent";
ALTER TABLE "new_ExperimentEvent" RENAME TO "ExperimentEvent";
CREATE INDEX "ExperimentEvent_experimentId_at_idx" ON "ExperimentEvent"("experimentId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
