-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Customer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "externalId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "statusSince" TIMESTAMP(3),
    "arr" DOUBLE PRECISION,
    "mergedIntoId" INTEGER,
    "atRiskAnnouncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerEvent" (
    "id" SERIAL NOT NULL,
    "customerId" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "arr" DOUBLE PRECISION,
    "externalId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'webhook',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "reporterId" TEXT NOT NULL,
    "sourceChannelId" TEXT NOT NULL,
    "sourceMessageTs" TEXT,
    "sourceLink" TEXT,
    "summary" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT 'medium',
    "status" TEXT NOT NULL DEFAULT 'open',
    "customerId" INTEGER,
    "ownerId" TEXT,
    "claimedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "themeId" INTEGER,
    "cardChannelId" TEXT,
    "cardTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "lastPostError" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationTag" (
    "escalationId" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,

    CONSTRAINT "EscalationTag_pkey" PRIMARY KEY ("escalationId","tag")
);

-- CreateTable
CREATE TABLE "Theme" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolutionNote" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "cardChannelId" TEXT,
    "cardTs" TEXT,
    "postState" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Theme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "escalationId" INTEGER,
    "themeId" INTEGER,
    "customerId" INTEGER,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "via" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "comment" TEXT,
    "respondedAt" TIMESTAMP(3) NOT NULL,
    "externalId" TEXT,
    "source" TEXT NOT NULL,
    "recordedById" TEXT,
    "escalationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeenEvent" (
    "eventId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeenEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subscribedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'sending',
    "trigger" TEXT NOT NULL DEFAULT 'schedule',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_nameKey_key" ON "Customer"("nameKey");

-- CreateIndex
CREATE INDEX "Customer_mergedIntoId_idx" ON "Customer"("mergedIntoId");

-- CreateIndex
CREATE INDEX "Customer_status_idx" ON "Customer"("status");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerEvent_externalId_key" ON "CustomerEvent"("externalId");

-- CreateIndex
CREATE INDEX "CustomerEvent_customerId_at_idx" ON "CustomerEvent"("customerId", "at");

-- CreateIndex
CREATE INDEX "CustomerEvent_at_idx" ON "CustomerEvent"("at");

-- CreateIndex
CREATE INDEX "Escalation_status_severity_createdAt_idx" ON "Escalation"("status", "severity", "createdAt");

-- CreateIndex
CREATE INDEX "Escalation_ownerId_status_idx" ON "Escalation"("ownerId", "status");

-- CreateIndex
CREATE INDEX "Escalation_customerId_status_idx" ON "Escalation"("customerId", "status");

-- CreateIndex
CREATE INDEX "Escalation_themeId_idx" ON "Escalation"("themeId");

-- CreateIndex
CREATE INDEX "Escalation_postState_idx" ON "Escalation"("postState");

-- CreateIndex
CREATE INDEX "Escalation_createdAt_idx" ON "Escalation"("createdAt");

-- CreateIndex
CREATE INDEX "Escalation_resolvedAt_idx" ON "Escalation"("resolvedAt");

-- CreateIndex
CREATE INDEX "Escalation_claimedAt_idx" ON "Escalation"("claimedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_cardChannelId_cardTs_key" ON "Escalation"("cardChannelId", "cardTs");

-- CreateIndex
CREATE INDEX "EscalationTag_tag_idx" ON "EscalationTag"("tag");

-- CreateIndex
CREATE INDEX "Theme_status_idx" ON "Theme"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Theme_cardChannelId_cardTs_key" ON "Theme"("cardChannelId", "cardTs");

-- CreateIndex
CREATE INDEX "TimelineEntry_escalationId_createdAt_idx" ON "TimelineEntry"("escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "TimelineEntry_themeId_createdAt_idx" ON "TimelineEntry"("themeId", "createdAt");

-- CreateIndex
CREATE INDEX "TimelineEntry_customerId_createdAt_idx" ON "TimelineEntry"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_externalId_key" ON "SurveyResponse"("externalId");

-- CreateIndex
CREATE INDEX "SurveyResponse_kind_respondedAt_idx" ON "SurveyResponse"("kind", "respondedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_customerId_kind_respondedAt_idx" ON "SurveyResponse"("customerId", "kind", "respondedAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_escalationId_idx" ON "SurveyResponse"("escalationId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SeenEvent_expiresAt_idx" ON "SeenEvent"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_channelId_kind_key" ON "Subscription"("channelId", "kind");

-- CreateIndex
CREATE INDEX "Delivery_kind_channelId_sentAt_idx" ON "Delivery"("kind", "channelId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_kind_channelId_period_key" ON "Delivery"("kind", "channelId", "period");

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerEvent" ADD CONSTRAINT "CustomerEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationTag" ADD CONSTRAINT "EscalationTag_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_escalationId_fkey" FOREIGN KEY ("escalationId") REFERENCES "Escalation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

