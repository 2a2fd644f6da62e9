import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// The process's Postgres pool. Prisma runs on it (through its adapter), and the LTI launch hot
// path sends its few statements straight through it as named prepared statements: Prisma 6.19
// compiles every query in WASM, which cost more CPU per launch than everything else together
// (docs/decisions/0012).

// One pool per process, kept on globalThis: the production server (server/) and Next's bundle
// each hold a copy of this module, and development hot reloads load it again and again.
const globalForPool = globalThis as unknown as { folioPool?: pg.Pool };

/**
 * A pool with limits, so a database that stops answering costs a request seconds, not minutes:
 * waiting for a connection, a statement on the server, and a reply on the wire are each bounded
 * (a frozen server never cancels a statement itself, hence the client-side read timeout too).
 * A connection whose statement timed out is dropped, not reused.
 */
export function createPool(connectionString: string, max = env.DATABASE_POOL_SIZE): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    query_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS + 2_000,
    idle_in_transaction_session_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS * 2,
    keepAlive: true,
  });
}

export const pool = (globalForPool.folioPool ??= createPool(env.DATABASE_URL));
// An idle connection that dies (a database restart, an administrator ending it) leaves the pool
// and the next query opens a new one; without a listener the error would end the process.
if (pool.listenerCount("error") === 0) pool.on("error", (error) => console.warn(`Postgres: an idle connection failed and was dropped (${error.message})`));

/**
 * Runs one statement. `name` makes it a prepared statement, parsed and planned once per
 * connection; use it only for fixed SQL text.
 */
export async function sql<Row>(name: string, text: string, values: unknown[]): Promise<Row[]> {
  const result = await pool.query({ name, text, values });
  return result.rows as Row[];
}

/** The unique constraint a Postgres error violated (23505), or null for any other error. */
export function violatedConstraint(error: unknown): string | null {
  if (!(error instanceof Error) || (error as { code?: string }).code !== "23505") return null;
  return (error as { constraint?: string }).constraint ?? "";
}

/** A statement written with named parameters, $(name), numbered $1, $2… by compileNamed. */
export type NamedStatement = { name: string; text: string; names: string[] };

/** $(name) → $1, $2…, in order of first use; `names` says which value goes where. */
export function compileNamed(name: string, text: string): NamedStatement {
  const names: string[] = [];
  const numbered = text.replace(/\$\(([a-z_]+)\)/g, (_, param: string) => {
    let index = names.indexOf(param);
    if (index < 0) index = names.push(param) - 1;
    return `$${index + 1}`;
  });
  return { name, text: numbered, names };
}

/** Runs a compiled statement with its values by name; a missing one is a programming error. */
export async function sqlNamed<Row>(statement: NamedStatement, values: Record<string, unknown>): Promise<Row[]> {
  return sql<Row>(statement.name, statement.text, statement.names.map((n) => {
    if (!(n in values)) throw new Error(`No value for $(${n}) in ${statement.name}.`);
    return values[n];
  }));
}
