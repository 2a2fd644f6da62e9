-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "startChapter" INTEGER NOT NULL DEFAULT 0;

