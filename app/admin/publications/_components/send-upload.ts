// Sends an EPUB to POST /api/admin/publications as the raw request body (XMLHttpRequest, because
// fetch cannot report upload progress), and turns every answer into something the form can show.

export type UploadAnswer =
  | { ok: true; location: string }
  | { ok: false; message?: string; fields: Record<string, string>; duplicate?: string };

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

export const MAX_UPLOAD_MB = 50;

function refused(status: number, body: ErrorBody | null): UploadAnswer {
  const message = body?.error?.message;
  const fields = { ...body?.error?.fields };
  if (status === 413) fields.file ??= message ?? `That file is larger than ${MAX_UPLOAD_MB} MB, the most Folio accepts.`;
  if (status === 401) return { ok: false, message: "Your session has ended. Sign in again in another tab, then upload again.", fields };
  if (status >= 500 || !message) {
    return { ok: false, message: message ?? `The upload failed (${status}). Try again; if it keeps failing, tell whoever runs Folio.`, fields };
  }
  // A refused file has one sentence and no field: it belongs next to the file input.
  if (!Object.keys(fields).length) return { ok: false, fields: { file: message } };
  return { ok: false, message: fields.file && Object.keys(fields).length === 1 ? undefined : message, fields };
}

export function sendUpload(file: File, slug: string, onProgress: (sent: number) => void, allowDuplicates = false): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/admin/publications?slug=${encodeURIComponent(slug)}${allowDuplicates ? "&duplicates=allow" : ""}`);
    xhr.setRequestHeader("content-type", "application/epub+zip");
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
      else resolve(refused(xhr.status, body));
    };
    xhr.onerror = () => resolve({ ok: false, fields: {}, message: "The upload was interrupted. Check your connection and try again." });
    xhr.send(file);
  });
}
