-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "domains" TEXT;
ALTER TABLE "Customer" ADD COLUMN "owner" TEXT;
ALTER TABLE "Customer" ADD COLUMN "renewalAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "tier" TEXT;

-- CreateTable
CREATE TABLE "CustomerChannel" (
    "channelId" TEXT NOT NULL PRIMARY KEY,
    "customerId" INTEGER NOT NULL,
    "linkedById" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL,
    CONSTRAINT "CustomerChannel_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CustomerChannel_customerId_idx" ON "CustomerChannel"("customerId");

