-- DropIndex
DROP INDEX "Escalation_resolvedAt_idx";

-- DropIndex
DROP INDEX "Escalation_claimedAt_idx";

-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "claimWaitSeconds" INTEGER,
ADD COLUMN     "resolveWaitSeconds" INTEGER;

-- CreateIndex
CREATE INDEX "Escalation_resolvedAt_resolveWaitSeconds_idx" ON "Escalation"("resolvedAt", "resolveWaitSeconds");

-- CreateIndex
CREATE INDEX "Escalation_claimedAt_claimWaitSeconds_idx" ON "Escalation"("claimedAt", "claimWaitSeconds");

