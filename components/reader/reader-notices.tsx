import Link from "next/link";
import { loginPath } from "@/lib/auth/login-path";

type Props = { slug: string; signedIn: boolean; personal: boolean; guest?: { integrationName: string } | null; className?: string };

/** What the reader keeps for this person, said under the toolbar: nothing for a preview, a guest or a visitor. EPUB and PDF readers alike. */
export function ReaderNotices({ slug, signedIn, personal, guest, className = "" }: Props) {
  const box = `bg-(--reader-hover) px-4 py-2 text-center text-sm ${className}`;
  if (signedIn && !personal) return <p className={box}>Preview of an unpublished book: your place, highlights and notes are not kept.</p>;
  if (signedIn) return null;
  if (guest) {
    return (
      <p className={box} data-guest-notice="">
        You are reading through {guest.integrationName}&apos;s shared access: there is no account, so your place, highlights, notes
        and statistics are not kept. To keep them, open Folio from your course in your LMS, or{" "}
        <Link href={loginPath(`/read/${slug}`)} className="font-medium text-(--reader-accent) underline">sign in</Link>.
      </p>
    );
  }
  return (
    <p className={box}>
      <Link href={loginPath(`/read/${slug}`)} className="font-medium text-(--reader-accent) underline">Sign in</Link> to keep your place, highlight and take notes.
    </p>
  );
}
