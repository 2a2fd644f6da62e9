-- AlterTable
ALTER TABLE "LtiLoginState" ADD COLUMN     "loginHint" TEXT,
ADD COLUMN     "messageHint" TEXT;

