-- Written by hand: before this migration one external change could be recorded twice (a relist
-- racing a write, or two consoles on one database). Keep the first record of each, so the unique
-- index below can be built on an existing database.
DELETE FROM "AuditEntry"
WHERE "source" = 'external' AND EXISTS (
    SELECT 1 FROM "AuditEntry" AS "first"
    WHERE "first"."source" = 'external'
      AND "first"."clusterId" = "AuditEntry"."clusterId"
      AND "first"."kind" = "AuditEntry"."kind"
      AND "first"."namespace" = "AuditEntry"."namespace"
      AND "first"."name" = "AuditEntry"."name"
      AND "first"."resourceVersion" = "AuditEntry"."resourceVersion"
      AND ("first"."createdAt" < "AuditEntry"."createdAt"
        OR ("first"."createdAt" = "AuditEntry"."createdAt" AND "first"."id" < "AuditEntry"."id"))
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_external_change_once" ON "AuditEntry"("clusterId", "kind", "namespace", "name", "resourceVersion") WHERE (source = 'external');

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_one_active_per_service" ON "Experiment"("namespace", "service") WHERE (status IN ('pending', 'running', 'paused'));
