import "server-only";
import { sql } from "@/lib/sql";
import { SignInThrottledError } from "@/lib/auth/login-throttle";

// Limits on asking for mail (a reset link, a confirmation again), in the sign-in limits' table
// under keys of their own, with the same sliding windows: a refused request is not recorded, and
// one refused by a later key gives back the slots it took on the earlier ones. The keys do not
// depend on whether an account exists, so being limited tells nothing about one.

const MINUTE = 60_000;

export type MailLimit = { key: string; max: number; windowMs: number };

/** Reset links asked for one email from one address, for one email from anywhere, and from one address. */
export const RESET_LIMITS = {
  pair: { max: 3, windowMs: 15 * MINUTE },
  account: { max: 6, windowMs: 60 * MINUTE },
  address: { max: 20, windowMs: 60 * MINUTE },
};
/** Confirmation links one person asks to be sent again. */
export const CONFIRM_LIMIT = { max: 5, windowMs: 60 * MINUTE };

const live = `array(select a from unnest(coalesce(t.attempts, '{}')) a where a > $2::timestamptz - $4 * interval '1 millisecond' order by a)`;
const TAKE = `
  insert into "LoginThrottle" as t (key, attempts, "lastAllowed", "expiresAt")
  values ($1, array[$2::timestamptz], true, $2::timestamptz + $4 * interval '1 millisecond')
  on conflict (key) do update set
    "lastAllowed" = cardinality(${live}) < $3,
    attempts = case when cardinality(${live}) < $3 then ${live} || $2::timestamptz else ${live} end,
    "expiresAt" = case when cardinality(${live}) < $3
                       then greatest(t."expiresAt", $2::timestamptz + $4 * interval '1 millisecond') else t."expiresAt" end
  returning "lastAllowed" as allowed, attempts`;

const GIVE_BACK = `
  update "LoginThrottle" t set attempts = array(
    select a from (select a, row_number() over (partition by a) as n from unnest(coalesce(t.attempts, '{}')) a) s
    where not (a = $2::timestamptz and n = 1) order by a)
  where key = any($1::text[])`;

/** Takes one slot on every key, or none: throws SignInThrottledError (RATE_LIMITED) with the wait. */
export async function takeMailSlots(limits: MailLimit[], now: Date = new Date()): Promise<void> {
  const taken: string[] = [];
  for (const limit of limits) {
    const [row] = await sql<{ allowed: boolean; attempts: Date[] }>("mail-throttle-take", TAKE, [limit.key, now, limit.max, limit.windowMs]);
    if (row!.allowed) {
      taken.push(limit.key);
      continue;
    }
    if (taken.length) await sql("mail-throttle-give-back", GIVE_BACK, [taken, now]);
    const oldest = Math.min(...row!.attempts.map((a) => new Date(a).getTime()));
    const wait = Number.isFinite(oldest) ? oldest + limit.windowMs - now.getTime() : limit.windowMs;
    throw new SignInThrottledError(Math.max(1, Math.ceil(wait / MINUTE)));
  }
}

/** The keys for a reset link asked for `email` from `address` (null: the shared "unknown" address). */
export function resetLimits(email: string, address: string | null): MailLimit[] {
  const where = address ?? "unknown";
  return [
    { key: `reset-pair:${email} ${where}`, ...RESET_LIMITS.pair },
    { key: `reset-account:${email}`, ...RESET_LIMITS.account },
    { key: `reset-address:${where}`, ...RESET_LIMITS.address },
  ];
}
