import type { Metadata } from "next";
import { BookCover } from "@/components/book-cover";
import { getDeepLinkPicker } from "@/lib/lti/deep-link-picker";
import { LtiError } from "@/lib/lti/errors";

export const metadata: Metadata = { title: "Add a book to your course" };

const TITLES: Record<string, string> = {
  LTI_INTEGRATION_DISABLED: "This integration is switched off",
  LTI_DEEP_LINK_CONTEXT_INVALID: "This link has expired",
};

export default async function DeepLinkPickerPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  let books: Awaited<ReturnType<typeof getDeepLinkPicker>>["books"];
  try {
    ({ books } = await getDeepLinkPicker(token));
  } catch (error) {
    if (!(error instanceof LtiError)) throw error;
    return (
      <main className="mx-auto max-w-lg px-6 py-16 text-center">
        <h1 className="text-xl font-semibold">{TITLES[error.code] ?? "This link has expired"}</h1>
        <p className="mt-2 text-stone-600">{error.message}</p>
        <p className="mt-4 font-mono text-xs text-stone-500">{error.code}</p>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-5xl px-6 py-8">
      <h1 className="font-serif text-3xl font-semibold">Add a book to your course</h1>
      <p className="mt-2 text-stone-600">Students who open the activity go straight into the book you choose.</p>
      <ul className="mt-8 grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-5">
        {books.map((b) => (
          <li key={b.slug}>
            <form method="post" action="/api/lti/deep-link">
              <input type="hidden" name="token" value={token} />
              <input type="hidden" name="slug" value={b.slug} />
              <BookCover {...b} />
              <p className="mt-2 font-serif font-semibold leading-snug">{b.title}</p>
              <p className="text-sm text-stone-600">{b.author}</p>
              <button className="mt-2 w-full rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-orange-900">
                Add to course
              </button>
            </form>
          </li>
        ))}
      </ul>
    </main>
  );
}
