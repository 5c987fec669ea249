-- AlterTable
ALTER TABLE "Theme" ADD COLUMN     "fixReopenedAt" TIMESTAMP(3),
ADD COLUMN     "ticketEpisode" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ticketsClosedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ThemeTicket" (
    "id" SERIAL NOT NULL,
    "themeId" INTEGER NOT NULL,
    "tracker" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "stateChangedAt" TIMESTAMP(3),
    "linkedById" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThemeTicket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThemeTicket_key_idx" ON "ThemeTicket"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ThemeTicket_themeId_key_key" ON "ThemeTicket"("themeId", "key");

-- AddForeignKey
ALTER TABLE "ThemeTicket" ADD CONSTRAINT "ThemeTicket_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

