-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "grantedScopes" TEXT[] DEFAULT ARRAY[]::TEXT[];

