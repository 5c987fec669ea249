-- AlterTable
ALTER TABLE "Escalation" ADD COLUMN "stormId" INTEGER;

-- CreateTable
CREATE TABLE "Storm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channelId" TEXT NOT NULL,
    "openKey" TEXT,
    "openedAt" DATETIME NOT NULL,
    "lastFlagAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "messageTs" TEXT,
    "themeId" INTEGER
);

-- CreateIndex
CREATE UNIQUE INDEX "Storm_openKey_key" ON "Storm"("openKey");

-- CreateIndex
CREATE INDEX "Escalation_stormId_idx" ON "Escalation"("stormId");

