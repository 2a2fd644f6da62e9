-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "IntegrationKind" ADD VALUE 'REFERRER';
ALTER TYPE "IntegrationKind" ADD VALUE 'IP_RANGE';
ALTER TYPE "IntegrationKind" ADD VALUE 'SIGNED_LINK';

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "ipRanges" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "referrerPrefixes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "GuestSession" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "publicationId" TEXT,
    "clientId" TEXT NOT NULL,
    "clientSeconds" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activeSeconds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GuestSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuestSession_integrationId_startedAt_idx" ON "GuestSession"("integrationId", "startedAt");

-- CreateIndex
CREATE INDEX "GuestSession_publicationId_idx" ON "GuestSession"("publicationId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestSession_visitId_publicationId_key" ON "GuestSession"("visitId", "publicationId");

-- AddForeignKey
ALTER TABLE "GuestSession" ADD CONSTRAINT "GuestSession_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestSession" ADD CONSTRAINT "GuestSession_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

