-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "domains" TEXT,
ADD COLUMN     "owner" TEXT,
ADD COLUMN     "renewalAt" TIMESTAMP(3),
ADD COLUMN     "tier" TEXT;

-- CreateTable
CREATE TABLE "CustomerChannel" (
    "channelId" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "linkedById" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerChannel_pkey" PRIMARY KEY ("channelId")
);

-- CreateIndex
CREATE INDEX "CustomerChannel_customerId_idx" ON "CustomerChannel"("customerId");

-- AddForeignKey
ALTER TABLE "CustomerChannel" ADD CONSTRAINT "CustomerChannel_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

