-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN     "stormId" INTEGER;

-- CreateTable
CREATE TABLE "Storm" (
    "id" SERIAL NOT NULL,
    "channelId" TEXT NOT NULL,
    "openKey" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "lastFlagAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "messageTs" TEXT,
    "themeId" INTEGER,

    CONSTRAINT "Storm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Storm_openKey_key" ON "Storm"("openKey");

-- CreateIndex
CREATE INDEX "Escalation_stormId_idx" ON "Escalation"("stormId");

