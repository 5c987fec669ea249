-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "maybeSentSince" DATETIME;

