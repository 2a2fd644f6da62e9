import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as lti11Post } from "@/app/api/lti/11/launch/route";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";
import { createLti11Integration } from "@/tests/support/factories";

// A first launch writes its new account once, search text included (docs/decisions/0022): the
// identity's trigger finds the text current and leaves the row alone. A second write would
// cost every first launch a dead tuple and a trigram index entry.

describe("the account a first launch creates", () => {
  it("is written once, with a search text that finds the person by what the LMS sent", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const params = basicLaunchParams({ user_id: "s-Ñ-42", lis_person_name_full: "José Núñez", lis_person_contact_email_primary: "jose@school.example" });
    expect((await lti11Post(launchRequest({ consumerKey, secret: sharedSecret, params }))).status).toBe(303);
    const [row] = await prisma.$queryRaw<{ ctid: string; text: string; again: string }[]>`
      select ctid::text as ctid, "searchText" as text, folio_user_search_text(id, "publicId", name, email) as again from "User"`;
    expect(row!.ctid).toBe("(0,1)");
    expect(row!.text).toBe(row!.again);
    expect(row!.text).toContain("jose nunez");
    expect(row!.text).toContain("s-n-42");

    // A later change of the LMS's name for them does rewrite it.
    const renamed = basicLaunchParams({ user_id: "s-Ñ-42", lis_person_name_full: "José Núñez-Pérez", lis_person_contact_email_primary: "jose@school.example" });
    await lti11Post(launchRequest({ consumerKey, secret: sharedSecret, params: renamed }));
    const [after] = await prisma.$queryRaw<{ text: string }[]>`select "searchText" as text from "User"`;
    expect(after!.text).toContain("jose nunez-perez");
  });
});
