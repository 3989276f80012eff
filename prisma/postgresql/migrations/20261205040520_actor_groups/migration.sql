-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "actorGroups" TEXT;

-- AlterTable
ALTER TABLE "Experiment" ADD COLUMN     "actorGroups" TEXT;
