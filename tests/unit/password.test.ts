import { describe, expect, it } from "vitest";
import { checkPasswordPolicy, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hashes with scrypt and verifies only the right password", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("a long enough passphrase", hash)).toBe(true);
    expect(await verifyPassword("a long enough passphrasE", hash)).toBe(false);
  });

  it("refuses short, common and email-based passwords", () => {
    expect(checkPasswordPolicy("short")).toMatch(/at least 10/);
    expect(checkPasswordPolicy("password123")).toMatch(/too common/);
    expect(checkPasswordPolicy("aaaaaaaaaaaa")).toMatch(/too common/);
    expect(checkPasswordPolicy("maria.lopez2026", { email: "maria.lopez@uni.example" })).toMatch(/email/);
    expect(checkPasswordPolicy("violet kettle harbour")).toBeNull();
  });
});
