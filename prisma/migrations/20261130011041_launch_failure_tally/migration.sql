-- CreateTable
CREATE TABLE "LaunchFailureTally" (
    "scope" TEXT NOT NULL,
    "integrationId" TEXT,
    "errorCode" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "ltiVersion" TEXT NOT NULL,
    "lastDetail" TEXT,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LaunchFailureTally_pkey" PRIMARY KEY ("scope","errorCode","hour")
);

-- CreateIndex
CREATE INDEX "LaunchFailureTally_hour_idx" ON "LaunchFailureTally"("hour");

-- CreateIndex
CREATE INDEX "LaunchFailureTally_integrationId_hour_idx" ON "LaunchFailureTally"("integrationId", "hour");

-- CreateIndex
CREATE INDEX "LaunchLog_createdAt_idx" ON "LaunchLog"("createdAt");

-- AddForeignKey
ALTER TABLE "LaunchFailureTally" ADD CONSTRAINT "LaunchFailureTally_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

