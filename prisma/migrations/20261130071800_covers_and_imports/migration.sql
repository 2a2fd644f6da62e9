-- CreateEnum
CREATE TYPE "ImportRowStatus" AS ENUM ('PENDING', 'IMPORTED', 'SKIPPED', 'FAILED');

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "coverColor" TEXT,
ADD COLUMN     "coverHash" TEXT;

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "unplacedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PublicationImport" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "source" TEXT NOT NULL,
    "unknownColumns" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "PublicationImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationImportRow" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "file" TEXT NOT NULL,
    "stagedKey" TEXT,
    "sha256" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "status" "ImportRowStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "publicationId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicationImportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PublicationImport_createdAt_idx" ON "PublicationImport"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PublicationImportRow_importId_line_key" ON "PublicationImportRow"("importId", "line");

-- CreateIndex
CREATE INDEX "PublicationFile_sha256_idx" ON "PublicationFile"("sha256");

-- AddForeignKey
ALTER TABLE "PublicationImportRow" ADD CONSTRAINT "PublicationImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PublicationImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

