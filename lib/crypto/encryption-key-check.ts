import "server-only";
import { sql } from "@/lib/sql";
import { encryptionKey, openWithKey, sealWithKey, SecretUnreadableError } from "@/lib/crypto/secret-box";

// A well-formed but wrong ENCRYPTION_KEY (a new machine, a regenerated .env.local) used to start
// normally and then fail every LTI 1.1 launch. The database keeps a check value, a fixed text
// sealed under the key it was first used with, and start-up refuses a key that cannot open it.

const SETTING = "encryption-key-check";
const PLAINTEXT = "Folio ENCRYPTION_KEY check, v1";

export class EncryptionKeyMismatchError extends Error {
  constructor() {
    super(
      "Folio cannot start: ENCRYPTION_KEY does not match the key this database's secrets were encrypted with. " +
        "Set ENCRYPTION_KEY to the key this database was used with (a new key makes the stored LTI secrets unreadable).",
    );
    this.name = "EncryptionKeyMismatchError";
  }
}

/** What `sealed` opens to under `key`, or null when it does not open (GCM: the wrong key cannot). */
function openOrNull(key: Buffer, sealed: string): string | null {
  try {
    return openWithKey(key, sealed);
  } catch (error) {
    if (error instanceof SecretUnreadableError) return null;
    throw error;
  }
}

async function storedCheck(): Promise<string | null> {
  const [row] = await sql<{ value: string }>("encryption-key-check-read", `select value from "Setting" where key = $1`, [SETTING]);
  return row?.value ?? null;
}

/**
 * Throws EncryptionKeyMismatchError unless `key` (ENCRYPTION_KEY by default) is the key this
 * database's secrets are sealed with. The first run writes the check value; before it does, it
 * tries the key on a secret already stored (a database from before this check existed).
 */
export async function assertEncryptionKeyMatches(key: Buffer = encryptionKey()): Promise<void> {
  let check = await storedCheck();
  if (check === null) {
    const [existing] = await sql<{ sealed: string }>("encryption-key-check-sample", `
      select "sharedSecretEnc" as sealed from "Integration" where "sharedSecretEnc" is not null
      union all select "privateKeyEnc" from "ToolKey" limit 1`, []);
    if (existing && openOrNull(key, existing.sealed) === null) throw new EncryptionKeyMismatchError();
    await sql("encryption-key-check-write", `insert into "Setting" (key, value) values ($1, $2) on conflict (key) do nothing`, [
      SETTING,
      sealWithKey(key, PLAINTEXT),
    ]);
    // Another instance starting at the same moment may have written first: check against what is stored.
    check = await storedCheck();
  }
  if (check === null || openOrNull(key, check) !== PLAINTEXT) throw new EncryptionKeyMismatchError();
}
