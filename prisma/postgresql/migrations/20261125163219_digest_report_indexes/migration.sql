-- DropIndex
DROP INDEX "Escalation_ownerId_status_idx";

-- DropIndex
DROP INDEX "SurveyResponse_kind_respondedAt_idx";

-- CreateIndex
CREATE INDEX "Escalation_status_ownerId_createdAt_idx" ON "Escalation"("status", "ownerId", "createdAt");

-- CreateIndex
CREATE INDEX "SurveyResponse_kind_respondedAt_score_customerId_idx" ON "SurveyResponse"("kind", "respondedAt", "score", "customerId");

