"use client";
import { useActionState } from "react";
import { refreshRosterAction, type RefreshState } from "../actions";

const initial: RefreshState = { ok: false, message: null };

/** Fetches the roster from the LMS now; the page shows the new one when it arrives. */
export function RefreshRosterButton({ courseId }: { courseId: string }) {
  const [state, action, pending] = useActionState(refreshRosterAction.bind(null, courseId), initial);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending}
        className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50 disabled:opacity-60">
        {pending ? "Refreshing…" : "Refresh roster"}
      </button>
      {state.message && (
        <p role="status" className={`text-sm ${state.ok ? "text-green-800" : "text-red-700"}`}>{state.message}</p>
      )}
    </form>
  );
}
