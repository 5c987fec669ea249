-- CreateTable
CREATE TABLE "ThemeFollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "themeId" INTEGER NOT NULL,
    "resolvedAt" DATETIME NOT NULL,
    "lastVerdict" TEXT,
    "lastCheckDays" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ThemeFollowUp_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ThemeFollowUpCustomer" (
    "followUpId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,

    PRIMARY KEY ("followUpId", "customerId"),
    CONSTRAINT "ThemeFollowUpCustomer_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "ThemeFollowUp" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ThemeOutcomeCheck" (
    "followUpId" INTEGER NOT NULL,
    "days" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "verdict" TEXT NOT NULL,
    "checkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("followUpId", "days"),
    CONSTRAINT "ThemeOutcomeCheck_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "ThemeFollowUp" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ThemeFollowUp_resolvedAt_idx" ON "ThemeFollowUp"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ThemeFollowUp_themeId_resolvedAt_key" ON "ThemeFollowUp"("themeId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ThemeOutcomeCheck_dueAt_idx" ON "ThemeOutcomeCheck"("dueAt");

