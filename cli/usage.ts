export class UsageError extends Error {}

export const USAGE = `Usage: npm run cli -- <command> [options]

Users
  users:create-admin --email E --password P [--name N]
  users:list [--json]

Plans
  plans:create --name N --slug S --publications all|slug,slug
  plans:list [--json]

Book files
  storage:migrate [--json] [--quiet]         moves files still kept in the database to the storage
      backend (STORAGE_DIR or S3_BUCKET), one at a time; safe to stop and run again (db:deploy runs it)

Integrations (LTI)
  integrations:create --kind lti13 --name N (--full-access | --plan SLUG) [--json]
      [--issuer ISS] [--client-id CID] [--deployment-id DID ...] [--auth-url URL]
      [--token-url URL] [--jwks-url URL]
      prints the tool URLs to paste into the LMS; the LMS values can come later (update)
  integrations:create --kind lti11 --name N --consumer-key K (--full-access | --plan SLUG) [--json]
      prints the launch URL, consumer key and the generated shared secret
  integrations:update ID [any of the options above; --deployment-id replaces the list; "" clears]
  integrations:list [--json]
  integrations:show ID [--json]              includes the latest 20 launches
  integrations:enable ID | integrations:disable ID
  integrations:rotate-secret ID [--json]     LTI 1.1: new shared secret, the old one stops at once
  keys:rotate                                new tool signing key (LTI 1.3); the previous stays served
`;
