-- CreateTable
CREATE TABLE "ThemeTicket" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "themeId" INTEGER NOT NULL,
    "tracker" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "stateChangedAt" DATETIME,
    "linkedById" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL,
    CONSTRAINT "ThemeTicket_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Theme" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolutionNote" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "cardChannelId" TEXT,
    "cardTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "ticketsClosedAt" DATETIME,
    "ticketEpisode" INTEGER NOT NULL DEFAULT 0,
    "fixReopenedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Theme" ("cardChannelId", "cardTs", "createdAt", "createdById", "id", "ownerId", "postState", "resolutionNote", "resolvedAt", "resolvedById", "status", "title", "updatedAt") SELECT "cardChannelId", "cardTs", "createdAt", "createdById", "id", "ownerId", "postState", "resolutionNote", "resolvedAt", "resolvedById", "status", "title", "updatedAt" FROM "Theme";
DROP TABLE "Theme";
ALTER TABLE "new_Theme" RENAME TO "Theme";
CREATE INDEX "Theme_status_idx" ON "Theme"("status");
CREATE UNIQUE INDEX "Theme_cardChannelId_cardTs_key" ON "Theme"("cardChannelId", "cardTs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ThemeTicket_key_idx" ON "ThemeTicket"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ThemeTicket_themeId_key_key" ON "ThemeTicket"("themeId", "key");

