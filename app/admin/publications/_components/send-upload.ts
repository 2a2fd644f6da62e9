// Sends an EPUB or a PDF to POST /api/admin/publications as the raw request body (XMLHttpRequest, because
// fetch cannot report upload progress), and turns every answer into something the form can show.

export type UploadAnswer =
  | { ok: true; location: string }
  | { ok: false; message?: string; fields: Record<string, string>; duplicate?: string };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

/** The server's limits (lib/publications/upload.ts): EPUBs are unzipped in memory, PDFs are not. */
export const MAX_UPLOAD_MB = { epub: 50, pdf: 320 } as const;

export type BookKind = keyof typeof MAX_UPLOAD_MB;

/** What the file says it is, by its name or type; the server checks its bytes. */
export function kindOf(file: File): BookKind | null {
  if (file.type === "application/pdf" || /\.pdf$/i.test(file.name)) return "pdf";
  if (file.type === "application/epub+zip" || /\.epub$/i.test(file.name)) return "epub";
  return null;
}

export const tooLargeMessage = (kind: BookKind) => `That file is larger than ${MAX_UPLOAD_MB[kind]} MB, the most Folio accepts for ${kind === "pdf" ? "a PDF" : "an EPUB"}.`;

function refused(status: number, body: ErrorBody | null, kind: BookKind): UploadAnswer {
  const message = body?.error?.message;
  const fields = { ...body?.error?.fields };
  if (status === 413) fields.file ??= message ?? tooLargeMessage(kind);
  if (status === 401) return { ok: false, message: "Your session has ended. Sign in again in another tab, then upload again.", fields };
  if (status >= 500 || !message) {
    return { ok: false, message: message ?? `The upload failed (${status}). Try again; if it keeps failing, tell whoever runs Folio.`, fields };
  }
  // A refused file has one sentence and no field: it belongs next to the file input.
  if (!Object.keys(fields).length) return { ok: false, fields: { file: message } };
  return { ok: false, message: fields.file && Object.keys(fields).length === 1 ? undefined : message, fields };
}

export function sendUpload(file: File, kind: BookKind, slug: string, onProgress: (sent: number) => void, allowDuplicates = false): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/admin/publications?slug=${encodeURIComponent(slug)}&name=${encodeURIComponent(file.name.slice(0, 255))}${allowDuplicates ? "&duplicates=allow" : ""}`);
    xhr.setRequestHeader("content-type", kind === "pdf" ? "application/pdf" : "application/epub+zip");
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: (ErrorBody & { location?: string }) | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status === 201 && body?.location) resolve({ ok: true, location: body.location });
      else if (xhr.status === 409 && body?.error?.code === "DUPLICATE") resolve({ ok: false, fields: {}, duplicate: body.error.message ?? "This book may already be in the catalog." });
      else resolve(refused(xhr.status, body, kind));
    };
    xhr.onerror = () => resolve({ ok: false, fields: {}, message: "The upload was interrupted. Check your connection and try again." });
    xhr.send(file);
  });
}
