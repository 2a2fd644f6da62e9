import "server-only";
import { prisma } from "@/lib/db";

// Failed sign-ins are counted in Postgres so every app instance sees the same numbers.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

function keysFor(email: string, ip: string | null) {
  return { account: `email:${email.toLowerCase()}`, address: ip ? `ip:${ip}` : null };
}

export async function isLoginThrottled(email: string, ip: string | null): Promise<boolean> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const { account, address } = keysFor(email, ip);
  const [perAccount, perAddress] = await Promise.all([
    prisma.loginAttempt.count({ where: { key: account, createdAt: { gte: since } } }),
    address ? prisma.loginAttempt.count({ where: { key: address, createdAt: { gte: since } } }) : 0,
  ]);
  return perAccount >= MAX_FAILURES_PER_ACCOUNT || perAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordLoginFailure(email: string, ip: string | null): Promise<void> {
  const { account, address } = keysFor(email, ip);
  await prisma.loginAttempt.createMany({ data: [{ key: account }, ...(address ? [{ key: address }] : [])] });
}

export async function clearLoginFailures(email: string): Promise<void> {
  await prisma.loginAttempt.deleteMany({ where: { key: keysFor(email, null).account } });
}
