-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "claimBreachedAt" TIMESTAMP(3),
ADD COLUMN     "claimWarnedAt" TIMESTAMP(3),
ADD COLUMN     "resolveBreachedAt" TIMESTAMP(3),
ADD COLUMN     "resolvePausedSeconds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolveWarnedAt" TIMESTAMP(3),
ADD COLUMN     "waitingOn" TEXT,
ADD COLUMN     "waitingSince" TIMESTAMP(3);

