-- CreateEnum
CREATE TYPE "PublicationFormat" AS ENUM ('EPUB', 'PDF');

-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "format" "PublicationFormat" NOT NULL DEFAULT 'EPUB',
ADD COLUMN     "pageCount" INTEGER;

-- AlterTable
ALTER TABLE "PublicationFile" ADD COLUMN     "mediaType" TEXT NOT NULL DEFAULT 'application/epub+zip',
ADD COLUMN     "size" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "storageKey" TEXT,
ALTER COLUMN "data" DROP NOT NULL;


-- Files stored before the storage backend keep their bytes here until they are moved out.
UPDATE "PublicationFile" SET "size" = octet_length("data") WHERE "data" IS NOT NULL;
