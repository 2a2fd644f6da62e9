import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with scrypt and verifies only the right password", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("a long enough passphrase", hash)).toBe(true);
    expect(await verifyPassword("a long enough passphrasE", hash)).toBe(false);
  });

  it("refuses guessable passwords that pass a length rule, saying why in the estimator's words", async () => {
    expect(await checkPasswordPolicy("Password1!")).toBe(
      "This is similar to a commonly used password. Add more words that are less common. Capitalize more than the first letter.",
    );
    expect(await checkPasswordPolicy("Qwerty123!")).toMatch(/commonly used password/);
    expect(await checkPasswordPolicy("Summer2024!")).toMatch(/Add more words that are less common/);
    expect(await checkPasswordPolicy("password123")).toMatch(/commonly used password/);
    expect(await checkPasswordPolicy("aaaaaaaaaaaa")).toMatch(/Repeated characters/);
    expect(await checkPasswordPolicy("qwertyuiop")).not.toBeNull();
  });

  it("knows the person's own email and name", async () => {
    expect(await checkPasswordPolicy("maria.lopez2026", { email: "maria.lopez@uni.example" })).toMatch(/email/);
    expect(await checkPasswordPolicy("Lovelace1815!", { email: "al@uni.example", name: "Ada Lovelace" })).toMatch(/personal/);
    expect(await checkPasswordPolicy("Lovelace1815!")).toBeNull();
  });

  it("accepts a few unrelated words, and still refuses short ones", async () => {
    expect(await checkPasswordPolicy("short")).toMatch(/at least 10/);
    expect(await checkPasswordPolicy("violet kettle harbour")).toBeNull();
    expect(await checkPasswordPolicy("lampshade-orbit-9")).toBeNull();
  });
});
