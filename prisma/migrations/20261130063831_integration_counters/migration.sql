-- Launch and failure counts leave the Integration row (docs/decisions/0010, addendum): every launch
-- updated that one row, so a class launching at once queued on its lock and Postgres spent three
-- times the CPU per launch it spends alone. Each connection now adds to its own shard's row.

CREATE TABLE "IntegrationCounter" (
    "integrationId" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "launches" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastLaunchAt" TIMESTAMP(3),

    CONSTRAINT "IntegrationCounter_pkey" PRIMARY KEY ("integrationId","shard")
);

ALTER TABLE "IntegrationCounter" ADD CONSTRAINT "IntegrationCounter_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What was counted so far goes to shard 0.
INSERT INTO "IntegrationCounter" ("integrationId", shard, launches, failures, "lastLaunchAt")
SELECT id, 0, "launchCount", "failureCount", "lastLaunchAt" FROM "Integration"
WHERE "launchCount" <> 0 OR "failureCount" <> 0 OR "lastLaunchAt" IS NOT NULL;

ALTER TABLE "Integration" DROP COLUMN "failureCount",
DROP COLUMN "lastLaunchAt",
DROP COLUMN "launchCount";
