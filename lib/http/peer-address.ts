import type { IncomingMessage } from "node:http";

// The address of the connection a request came in on. Next gives route handlers and server
// actions only the request's headers, so the production server (server/main.ts) writes the
// socket's address into a header of its own on every request, replacing whatever a client sent
// under that name. `next start` and `next dev` do not, so a client could send the header there:
// the flag on globalThis (one per process; the server bundle and Next's bundle each hold a copy
// of this module) says whether this process's requests went through server/main.ts.

export const PEER_HEADER = "x-folio-peer-address";

const flag = globalThis as unknown as { folioPeerHeaderIsOurs?: boolean };

/** Called by the production server for every request before anything else reads it. */
export function recordPeerAddress(req: IncomingMessage): void {
  flag.folioPeerHeaderIsOurs = true;
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
}

/** The connection's address when server/main.ts recorded it, else null (no trustworthy source). */
export function peerAddress(get: (name: string) => string | null): string | null {
  if (!flag.folioPeerHeaderIsOurs) return null;
  return get(PEER_HEADER) || null;
}
