import { isValidElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import LoginPage from "@/app/login/page";
import { LoginForm } from "@/app/login/_components/login-form";
import { requirePageUser } from "@/lib/auth/session";
import { createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { redirectOf } from "@/tests/support/next-redirect";

const EVIL = ["/\\evil.example/phish", "/\t/evil.example/", "//evil.example", "https://evil.example/", "/.//evil.example"];

/** The `next` the page hands to the sign-in form (where the browser goes after signing in). */
function formNext(node: ReactNode): string | null {
  if (!isValidElement(node)) return Array.isArray(node) ? node.map(formNext).find((n) => n !== null) ?? null : null;
  const props = node.props as { next?: string; children?: ReactNode };
  if (node.type === LoginForm) return props.next ?? null;
  return formNext(props.children);
}


const page = (next: string | undefined) => LoginPage({ searchParams: Promise.resolve({ next }) });

describe("/login?next=", () => {
  it("sends a visitor who signs in only to a path on Folio", async () => {
    for (const next of EVIL) expect(formNext(await page(next))).toBe("/");
    // What Next decodes from ?next=/%5Cevil.example
    expect(formNext(await page(new URLSearchParams("next=/%5Cevil.example").get("next")!))).toBe("/");
    expect(formNext(await page("/read/intro?chapter=2"))).toBe("/read/intro?chapter=2");
  });

  it("redirects someone already signed in only to a path on Folio", async () => {
    await signInAs(await createUser());
    for (const next of EVIL) expect(await redirectOf(page(next))).toBe("/");
    expect(await redirectOf(page("/library"))).toBe("/library");
  });

  it("is where pages send visitors, with the page to come back to", async () => {
    expect(await redirectOf(requirePageUser("/read/intro?chapter=2"))).toBe("/login?next=%2Fread%2Fintro%3Fchapter%3D2");
  });
});
