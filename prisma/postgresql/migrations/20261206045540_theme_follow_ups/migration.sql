-- CreateTable
CREATE TABLE "ThemeFollowUp" (
    "id" SERIAL NOT NULL,
    "themeId" INTEGER NOT NULL,
    "resolvedAt" TIMESTAMP(3) NOT NULL,
    "lastVerdict" TEXT,
    "lastCheckDays" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThemeFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThemeFollowUpCustomer" (
    "followUpId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,

    CONSTRAINT "ThemeFollowUpCustomer_pkey" PRIMARY KEY ("followUpId","customerId")
);

-- CreateTable
CREATE TABLE "ThemeOutcomeCheck" (
    "followUpId" INTEGER NOT NULL,
    "days" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "verdict" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThemeOutcomeCheck_pkey" PRIMARY KEY ("followUpId","days")
);

-- CreateIndex
CREATE INDEX "ThemeFollowUp_resolvedAt_idx" ON "ThemeFollowUp"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ThemeFollowUp_themeId_resolvedAt_key" ON "ThemeFollowUp"("themeId", "resolvedAt");

-- CreateIndex
CREATE INDEX "ThemeOutcomeCheck_dueAt_idx" ON "ThemeOutcomeCheck"("dueAt");

-- AddForeignKey
ALTER TABLE "ThemeFollowUp" ADD CONSTRAINT "ThemeFollowUp_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThemeFollowUpCustomer" ADD CONSTRAINT "ThemeFollowUpCustomer_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "ThemeFollowUp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThemeOutcomeCheck" ADD CONSTRAINT "ThemeOutcomeCheck_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "ThemeFollowUp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

