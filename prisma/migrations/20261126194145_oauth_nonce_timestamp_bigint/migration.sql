-- AlterTable
ALTER TABLE "LtiOAuthNonce" ALTER COLUMN "timestamp" SET DATA TYPE BIGINT;

