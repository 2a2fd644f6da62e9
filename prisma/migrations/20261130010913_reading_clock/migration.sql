-- CreateTable
CREATE TABLE "ReadingClock" (
    "userId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "countedUntil" TIMESTAMP(3) NOT NULL,
    "granted" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReadingClock_pkey" PRIMARY KEY ("userId","publicationId")
);

-- CreateIndex
CREATE INDEX "ReadingClock_publicationId_idx" ON "ReadingClock"("publicationId");

-- AddForeignKey
ALTER TABLE "ReadingClock" ADD CONSTRAINT "ReadingClock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReadingClock" ADD CONSTRAINT "ReadingClock_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

