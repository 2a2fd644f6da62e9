export class UsageError extends Error {}

export const USAGE = `Usage: npm run cli -- <command> [options]

Users
  users:create-admin --email E --password P [--name N]
  users:list [--json]

Plans
  plans:create --name N --slug S --publications all|slug,slug
  plans:list [--json]
`;
