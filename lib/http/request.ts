import { FORM_MEDIA_TYPE } from "@/lib/http/form-post";
import { mediaTypeOf } from "@/lib/http/body";

// What the LTI endpoints read of a request: the light request the launch server builds from
// Node's IncomingMessage (server/lti-routes.ts), or the one formRoute (form-post.ts) builds for
// Next's route handlers. Either way `text()` returns a body already read with a cap.
export type HttpRequest = {
  url: string;
  method: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
};

/**
 * The fields of a urlencoded form body, or null when the body is not one. Multipart is not
 * taken: a launch is an HTML form post, and reading multipart means buffering all of it.
 */
export async function readFormFields(request: HttpRequest): Promise<Record<string, string> | null> {
  if (mediaTypeOf(request.headers) !== FORM_MEDIA_TYPE) return null;
  return Object.fromEntries(new URLSearchParams(await request.text()));
}
