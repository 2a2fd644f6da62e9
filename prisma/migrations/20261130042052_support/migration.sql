-- CreateIndex
CREATE INDEX "LtiIdentity_integrationId_createdAt_idx" ON "LtiIdentity"("integrationId", "createdAt");

-- CreateIndex
CREATE INDEX "ReadingSession_userId_startedAt_idx" ON "ReadingSession"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "LaunchLog_integrationId_outcome_createdAt_idx" ON "LaunchLog"("integrationId", "outcome", "createdAt");

-- CreateIndex
CREATE INDEX "LaunchLog_outcome_createdAt_idx" ON "LaunchLog"("outcome", "createdAt");

-- CreateIndex
CREATE INDEX "LaunchLog_errorCode_createdAt_idx" ON "LaunchLog"("errorCode", "createdAt");

-- CreateIndex
CREATE INDEX "LaunchLog_userId_createdAt_idx" ON "LaunchLog"("userId", "createdAt");

