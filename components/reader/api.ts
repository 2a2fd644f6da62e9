/** Fetch helpers for the reader: JSON in and out, and the server's sentence on failure. */

export class ReaderApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

async function failure(response: Response): Promise<ReaderApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  const fallback = response.status === 401 ? "Your session ended. Sign in again to continue." : "Something went wrong. Try again in a moment.";
  return new ReaderApiError(body?.error?.message ?? fallback, response.status);
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { credentials: "same-origin", headers: { accept: "application/json" }, ...init });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export async function sendJson<T>(url: string, method: "POST" | "PUT" | "PATCH" | "DELETE", body?: unknown, init?: RequestInit): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...init,
  });
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** For pagehide: the request outlives the page. Failures are ignored (the next save repeats it). */
export function sendOnExit(url: string, method: "POST" | "PUT", body: unknown): void {
  const payload = JSON.stringify(body);
  try {
    void fetch(url, { method, keepalive: true, credentials: "same-origin", headers: { "content-type": "application/json" }, body: payload }).catch(() => undefined);
  } catch {
    if (method === "POST") navigator.sendBeacon?.(url, new Blob([payload], { type: "application/json" }));
  }
}

export const readingApi = {
  progress: (slug: string) => `/api/reading/publications/${encodeURIComponent(slug)}/progress`,
  heartbeat: (slug: string) => `/api/reading/publications/${encodeURIComponent(slug)}/heartbeat`,
  annotations: (slug: string) => `/api/reading/publications/${encodeURIComponent(slug)}/annotations`,
  exportNotes: (slug: string) => `/api/reading/publications/${encodeURIComponent(slug)}/annotations/export`,
  annotation: (id: string) => `/api/reading/annotations/${encodeURIComponent(id)}`,
};
