// Sends a file as the raw body of a POST (XMLHttpRequest, for upload progress) and reads the
// JSON answer: the body on success, the error's message otherwise.

export type SendAnswer<T> = { ok: true; body: T } | { ok: false; message: string; code?: string; details?: unknown };

export function sendFile<T>(url: string, file: Blob, contentType: string, onProgress?: (sent: number) => void): Promise<SendAnswer<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", contentType);
    if (onProgress) xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body: { error?: { message?: string; code?: string; fields?: Record<string, string>; details?: unknown } } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status says enough.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true, body: body as T });
      const fieldMessage = body.error?.fields ? Object.values(body.error.fields)[0] : undefined;
      resolve({
        ok: false,
        code: body.error?.code,
        details: body.error?.details,
        message: xhr.status === 401 ? "Your session has ended. Sign in again in another tab, then try again."
          : (fieldMessage ?? body.error?.message ?? `That failed (${xhr.status}). Try again; if it keeps failing, tell whoever runs Folio.`),
      });
    };
    xhr.onerror = () => resolve({ ok: false, message: "The upload was interrupted. Check your connection and try again." });
    xhr.send(file);
  });
}
