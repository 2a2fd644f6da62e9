import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

// APP_URL is http://localhost:3000 in the suite (vitest.config.ts).
describe("safeRedirectPath (the login page's ?next=)", () => {
  it.each([
    ["/\\evil.example/phish"],
    ["/\\\\evil.example"],
    ["/\t/evil.example/"],
    ["/\n/evil.example/"],
    ["//evil.example/x"],
    ["///evil.example"],
    ["https://evil.example/x"],
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    ["/.//evil.example"],
    ["/..//evil.example"],
    ["http://localhost:3000@evil.example/"],
    ["http://user:pass@localhost:3000/admin"],
    ["https://localhost:3000/admin"],
    [""],
    [`/${"a".repeat(3000)}`],
  ])("sends %j to the default instead", (next) => {
    expect(safeRedirectPath(next)).toBe("/");
    expect(safeRedirectPath(next, "/library")).toBe("/library");
  });

  it("sends what the browser decoded from /%5Cevil to the default too", () => {
    // Next decodes the query: ?next=/%5Cevil.example arrives as "/\evil.example".
    const next = new URLSearchParams("next=/%5Cevil.example").get("next");
    expect(safeRedirectPath(next)).toBe("/");
  });

  it("keeps paths on Folio, with their query and fragment, rebuilt from the parsed URL", () => {
    expect(safeRedirectPath("/library")).toBe("/library");
    expect(safeRedirectPath("/read/intro-to-rust?chapter=3#p4")).toBe("/read/intro-to-rust?chapter=3#p4");
    expect(safeRedirectPath("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeRedirectPath("http://localhost:3000/admin")).toBe("/admin");
    expect(safeRedirectPath("/a/../admin")).toBe("/admin");
    // Relative references resolve against Folio's origin, as the browser would resolve them.
    expect(safeRedirectPath("library")).toBe("/library");
    expect(safeRedirectPath("http:evil.example")).toBe("/evil.example");
  });

  it("ignores anything that is not one string", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/a", "/b"])).toBe("/");
  });
});
