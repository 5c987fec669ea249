-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Escalation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reporterId" TEXT NOT NULL,
    "sourceChannelId" TEXT NOT NULL,
    "sourceMessageTs" TEXT,
    "sourceLink" TEXT,
    "summary" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'medium',
    "status" TEXT NOT NULL DEFAULT 'open',
    "customerId" INTEGER,
    "ownerId" TEXT,
    "claimedAt" DATETIME,
    "resolvedAt" DATETIME,
    "claimWaitSeconds" INTEGER,
    "resolveWaitSeconds" INTEGER,
    "themeId" INTEGER,
    "stormId" INTEGER,
    "cardChannelId" TEXT,
    "cardTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "lastPostError" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "waitingOn" TEXT,
    "waitingSince" DATETIME,
    "resolvePausedSeconds" INTEGER NOT NULL DEFAULT 0,
    "claimWarnedAt" DATETIME,
    "claimBreachedAt" DATETIME,
    "resolveWarnedAt" DATETIME,
    "resolveBreachedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Escalation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Escalation_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Escalation" ("cardChannelId", "cardTs", "claimWaitSeconds", "claimedAt", "createdAt", "customerId", "id", "lastPostError", "ownerId", "postState", "remindersSent", "reporterId", "resolveWaitSeconds", "resolvedAt", "severity", "sourceChannelId", "sourceLink", "sourceMessageTs", "status", "stormId", "summary", "themeId", "updatedAt", "version") SELECT "cardChannelId", "cardTs", "claimWaitSeconds", "claimedAt", "createdAt", "customerId", "id", "lastPostError", "ownerId", "postState", "remindersSent", "reporterId", "resolveWaitSeconds", "resolvedAt", "severity", "sourceChannelId", "sourceLink", "sourceMessageTs", "status", "stormId", "summary", "themeId", "updatedAt", "version" FROM "Escalation";
DROP TABLE "Escalation";
ALTER TABLE "new_Escalation" RENAME TO "Escalation";
CREATE INDEX "Escalation_status_severity_createdAt_idx" ON "Escalation"("status", "severity", "createdAt");
CREATE INDEX "Escalation_status_ownerId_createdAt_idx" ON "Escalation"("status", "ownerId", "createdAt");
CREATE INDEX "Escalation_customerId_status_idx" ON "Escalation"("customerId", "status");
CREATE INDEX "Escalation_themeId_idx" ON "Escalation"("themeId");
CREATE INDEX "Escalation_postState_idx" ON "Escalation"("postState");
CREATE INDEX "Escalation_createdAt_idx" ON "Escalation"("createdAt");
CREATE INDEX "Escalation_stormId_idx" ON "Escalation"("stormId");
CREATE INDEX "Escalation_resolvedAt_resolveWaitSeconds_idx" ON "Escalation"("resolvedAt", "resolveWaitSeconds");
CREATE INDEX "Escalation_claimedAt_claimWaitSeconds_idx" ON "Escalation"("claimedAt", "claimWaitSeconds");
CREATE UNIQUE INDEX "Escalation_cardChannelId_cardTs_key" ON "Escalation"("cardChannelId", "cardTs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

