import "server-only";
import { sql } from "@/lib/sql";
import { AppError } from "@/lib/errors";

// Sign-in limits, kept in Postgres so that every app instance sees the same numbers. The numbers
// and why they are what they are: docs/decisions/0017-sign-in-limits-sessions-and-passwords.md.
//
// An attempt is reserved before the password is hashed, in one statement that takes a row lock
// per key (INSERT … ON CONFLICT DO UPDATE re-reads the newest row under the lock): of any number
// of simultaneous attempts, at most the limit reach the password check.

const MINUTE = 60_000;

/** Per account and address: the person at their own address, and a guesser at theirs. */
export const PAIR_LIMIT = { max: 5, windowMs: 15 * MINUTE };
/** Per account, from addresses it has not signed in from lately: slow guessing from many addresses. */
export const ACCOUNT_LIMIT = { max: 50, windowMs: 60 * MINUTE };
/** Per address, for accounts that have not signed in from it lately: one address trying many accounts. */
export const ADDRESS_LIMIT = { max: 30, windowMs: 15 * MINUTE };
/** A successful sign-in makes its address a known one for this long: only the pair limit applies there. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE;
/** One reservation in this many also deletes rows that no longer count. */
export const PRUNE_ONE_IN = 20;

// Refused attempts are not recorded, so a guesser who keeps going does not extend their own wait.
const upsertSet = (max: string, windowMs: string, now: string) => {
  const live = `array(select a from unnest(coalesce(t.attempts, '{}')) a where a > ${now} - ${windowMs} * interval '1 millisecond' order by a)`;
  return `on conflict (key) do update set
      "lastAllowed" = cardinality(${live}) < ${max},
      attempts = case when cardinality(${live}) < ${max} then ${live} || ${now} else ${live} end,
      "expiresAt" = case when cardinality(${live}) < ${max}
                         then greatest(t."expiresAt", ${now} + ${windowMs} * interval '1 millisecond') else t."expiresAt" end`;
};

// $1 pair key, $2 account key, $3 address key, $4 now, $5/$6 pair max/window, $7/$8 account,
// $9/$10 address, $11 how long a success makes an address known. The account and address keys
// are only touched when the pair let the attempt through and the address is not a known one.
const RESERVE = `
  with pair as (
    insert into "LoginThrottle" as t (key, attempts, "lastAllowed", "expiresAt")
    values ($1, array[$4::timestamptz], true, $4::timestamptz + $6 * interval '1 millisecond')
    ${upsertSet("$5", "$6", "$4::timestamptz")}
    returning "lastAllowed" as allowed, attempts,
              coalesce("lastSuccessAt" > $4::timestamptz - $11 * interval '1 millisecond', false) as known
  ), account as (
    insert into "LoginThrottle" as t (key, attempts, "lastAllowed", "expiresAt")
    select $2::text, array[$4::timestamptz], true, $4::timestamptz + $8 * interval '1 millisecond' from pair where pair.allowed and not pair.known
    ${upsertSet("$7", "$8", "$4::timestamptz")}
    returning "lastAllowed" as allowed, attempts
  ), address as (
    insert into "LoginThrottle" as t (key, attempts, "lastAllowed", "expiresAt")
    select $3::text, array[$4::timestamptz], true, $4::timestamptz + $10 * interval '1 millisecond' from account where account.allowed
    ${upsertSet("$9", "$10", "$4::timestamptz")}
    returning "lastAllowed" as allowed, attempts
  )
  select pair.allowed as "pairAllowed", pair.known, pair.attempts as "pairAttempts",
         account.allowed as "accountAllowed", account.attempts as "accountAttempts",
         address.allowed as "addressAllowed", address.attempts as "addressAttempts"
  from pair left join account on true left join address on true`;

// Takes back one reservation (one occurrence of its time stamp: two attempts in the same
// millisecond share a stamp and each gives back exactly one).
const RELEASE = `
  update "LoginThrottle" t set attempts = array(
    select a from (select a, row_number() over (partition by a) as n from unnest(coalesce(t.attempts, '{}')) a) s
    where not (a = $2::timestamptz and n = 1) order by a)
  where key = any($1::text[])`;

// The pair counter starts again and the address becomes a known one; the attempt's own slots on
// the account and address keys are given back, so a successful sign-in never counts.
const SUCCEED = `
  with pair as (
    update "LoginThrottle" set attempts = '{}', "lastSuccessAt" = $3::timestamptz,
      "expiresAt" = greatest("expiresAt", $3::timestamptz + $4 * interval '1 millisecond')
    where key = $1
  )
  update "LoginThrottle" t set attempts = array(
    select a from (select a, row_number() over (partition by a) as n from unnest(coalesce(t.attempts, '{}')) a) s
    where not (a = $3::timestamptz and n = 1) order by a)
  where key = any($2::text[])`;

type ReserveRow = {
  pairAllowed: boolean;
  known: boolean;
  pairAttempts: Date[];
  accountAllowed: boolean | null;
  accountAttempts: Date[] | null;
  addressAllowed: boolean | null;
  addressAttempts: Date[] | null;
};

export type SignInReservation = { pairKey: string; sharedKeys: string[]; stamp: Date };

/** The sentence a person sees when a limit stops them. */
export function tooManyAttemptsMessage(minutes: number): string {
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** A sign-in (or a password confirmation) refused by a limit; the message says how long to wait. */
export class SignInThrottledError extends AppError {
  readonly retryAfterMinutes: number;
  constructor(retryAfterMinutes: number) {
    super("RATE_LIMITED", tooManyAttemptsMessage(retryAfterMinutes));
    this.retryAfterMinutes = retryAfterMinutes;
  }
}

function keysFor(email: string, address: string | null) {
  const account = email.trim().toLowerCase();
  // Without a known address every such attempt shares one: stricter, never looser.
  const where = address ?? "unknown";
  return { pair: `pair:${account} ${where}`, account: `account:${account}`, address: `address:${where}` };
}

function minutesUntilFree(attempts: Date[] | null, windowMs: number, now: Date): number {
  const oldest = Math.min(...(attempts ?? []).map((a) => new Date(a).getTime()));
  const wait = Number.isFinite(oldest) ? oldest + windowMs - now.getTime() : windowMs;
  return Math.max(1, Math.ceil(wait / MINUTE));
}

/**
 * Reserves one sign-in attempt for this account from this address, before the password is
 * checked. Throws SignInThrottledError when a limit is reached. A reservation that is not
 * followed by recordSignInSuccess counts as a failure until it leaves its window.
 */
export async function reserveSignInAttempt(
  email: string,
  address: string | null,
  options: { now?: Date; random?: () => number } = {},
): Promise<SignInReservation> {
  const now = options.now ?? new Date();
  if ((options.random ?? Math.random)() * PRUNE_ONE_IN < 1) {
    void pruneLoginThrottle(now).catch((error: Error) => console.warn(`Pruning sign-in limits failed (${error.message})`));
  }
  const keys = keysFor(email, address);
  const [row] = await sql<ReserveRow>("login-throttle-reserve", RESERVE, [
    keys.pair, keys.account, keys.address, now,
    PAIR_LIMIT.max, PAIR_LIMIT.windowMs, ACCOUNT_LIMIT.max, ACCOUNT_LIMIT.windowMs,
    ADDRESS_LIMIT.max, ADDRESS_LIMIT.windowMs, KNOWN_ADDRESS_MS,
  ]);
  if (!row!.pairAllowed) throw new SignInThrottledError(minutesUntilFree(row!.pairAttempts, PAIR_LIMIT.windowMs, now));
  const reservation: SignInReservation = { pairKey: keys.pair, sharedKeys: [], stamp: now };
  if (row!.known) return reservation;

  const taken = [keys.pair];
  if (row!.accountAllowed) taken.push(keys.account);
  let refused: number | null = null;
  if (!row!.accountAllowed) refused = minutesUntilFree(row!.accountAttempts, ACCOUNT_LIMIT.windowMs, now);
  else if (!row!.addressAllowed) refused = minutesUntilFree(row!.addressAttempts, ADDRESS_LIMIT.windowMs, now);
  if (refused !== null) {
    // An attempt refused by a shared limit gives back the slots it took on the way, so that
    // (for example) the owner trying while the account is locked does not use up their own.
    await sql("login-throttle-release", RELEASE, [taken, now]);
    throw new SignInThrottledError(refused);
  }
  return { ...reservation, sharedKeys: [keys.account, keys.address] };
}

/** After the right password: clears the account+address counter and gives back the shared slots. */
export async function recordSignInSuccess(reservation: SignInReservation): Promise<void> {
  await sql("login-throttle-succeed", SUCCEED, [reservation.pairKey, reservation.sharedKeys, reservation.stamp, KNOWN_ADDRESS_MS]);
}

/** Deletes rows that no longer count for anything, a bounded batch at a time. */
export async function pruneLoginThrottle(now: Date = new Date()): Promise<number> {
  const rows = await sql<{ key: string }>("login-throttle-prune", `
    delete from "LoginThrottle" where key in (
      select key from "LoginThrottle" where "expiresAt" < $1::timestamptz limit 1000
    ) returning key`, [now]);
  return rows.length;
}
