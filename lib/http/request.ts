// What the LTI endpoints read of a request. A web Request (Next's route handlers) is one, and so
// is the light request the launch server builds from Node's IncomingMessage (server/lti-routes.ts).
export type HttpRequest = {
  url: string;
  method: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  formData?: () => Promise<FormData>;
};

/**
 * The string fields of a form body: urlencoded, or multipart when the request can parse it.
 * Null when the body is neither or is not a form. A body that cannot be read throws.
 */
export async function readFormFields(request: HttpRequest): Promise<Record<string, string> | null> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(await request.text()));
  if (type !== "multipart/form-data" || !request.formData) return null;
  const form = await request.formData().catch(() => null);
  return form && Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
