-- CreateEnum
CREATE TYPE "ScoreSyncStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Course" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "contextId" TEXT NOT NULL,
    "title" TEXT,
    "label" TEXT,
    "membershipsUrl" TEXT,
    "rosterFetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseMembership" (
    "courseId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "roles" TEXT[],
    "instructor" BOOLEAN NOT NULL DEFAULT false,
    "firstLaunchAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLaunchAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseMembership_pkey" PRIMARY KEY ("courseId","userId")
);

-- CreateTable
CREATE TABLE "RosterMember" (
    "courseId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "roles" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'Active',
    "fetchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RosterMember_pkey" PRIMARY KEY ("courseId","subject")
);

-- CreateTable
CREATE TABLE "ResourceLink" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "courseId" TEXT,
    "linkId" TEXT NOT NULL,
    "title" TEXT,
    "publicationId" TEXT,
    "startChapter" INTEGER,
    "startFragment" TEXT,
    "endChapter" INTEGER,
    "lineItemUrl" TEXT,
    "lineItemsUrl" TEXT,
    "agsScopes" TEXT[],
    "scoreMaximum" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLaunchAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChapterReading" (
    "userId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "chapterIndex" INTEGER NOT NULL,
    "activeSeconds" INTEGER NOT NULL DEFAULT 0,
    "furthest" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "readAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChapterReading_pkey" PRIMARY KEY ("userId","publicationId","chapterIndex")
);

-- CreateTable
CREATE TABLE "ScoreSync" (
    "resourceLinkId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "share" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "completed" BOOLEAN NOT NULL DEFAULT false,
    "sentShare" DOUBLE PRECISION,
    "sentCompleted" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3),
    "status" "ScoreSyncStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreSync_pkey" PRIMARY KEY ("resourceLinkId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Course_integrationId_contextId_key" ON "Course"("integrationId", "contextId");

-- CreateIndex
CREATE INDEX "CourseMembership_userId_idx" ON "CourseMembership"("userId");

-- CreateIndex
CREATE INDEX "ResourceLink_courseId_idx" ON "ResourceLink"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceLink_integrationId_linkId_key" ON "ResourceLink"("integrationId", "linkId");

-- CreateIndex
CREATE INDEX "ChapterReading_publicationId_idx" ON "ChapterReading"("publicationId");

-- CreateIndex
CREATE INDEX "ScoreSync_status_idx" ON "ScoreSync"("status");

-- CreateIndex
CREATE INDEX "ScoreSync_userId_idx" ON "ScoreSync"("userId");

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseMembership" ADD CONSTRAINT "CourseMembership_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseMembership" ADD CONSTRAINT "CourseMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RosterMember" ADD CONSTRAINT "RosterMember_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceLink" ADD CONSTRAINT "ResourceLink_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceLink" ADD CONSTRAINT "ResourceLink_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceLink" ADD CONSTRAINT "ResourceLink_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChapterReading" ADD CONSTRAINT "ChapterReading_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChapterReading" ADD CONSTRAINT "ChapterReading_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSync" ADD CONSTRAINT "ScoreSync_resourceLinkId_fkey" FOREIGN KEY ("resourceLinkId") REFERENCES "ResourceLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSync" ADD CONSTRAINT "ScoreSync_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

