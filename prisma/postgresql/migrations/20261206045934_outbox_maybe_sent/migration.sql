-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "maybeSentSince" TIMESTAMP(3);

