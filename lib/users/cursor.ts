/**
 * Keyset paging cursors: a row's (time, id), opaque in the URL. Times are the database's
 * timestamp(3) in UTC, passed back as text without a zone so the comparison is exact.
 */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined | null): { at: string; id: string } | null {
  if (!value || value.length > 200) return null;
  const [at, id, extra] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (extra !== undefined || !at || !id || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(at) || !/^[\w-]{1,64}$/.test(id)) return null;
  return { at: at.slice(0, -1), id };
}
