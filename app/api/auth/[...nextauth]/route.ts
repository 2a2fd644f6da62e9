import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/handle-route";
import { mediaTypeOf, readBodyText, SMALL_BODY_BYTES } from "@/lib/http/body";
import { AppError } from "@/lib/errors";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth reads the whole body itself; it gets one already read with a cap, and only the two
// types it understands (its own pages post forms, its client posts JSON).
async function post(request: NextRequest, context: Context): Promise<Response> {
  let body: string;
  try {
    const type = mediaTypeOf(request.headers);
    if (type !== "application/x-www-form-urlencoded" && type !== "application/json") {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the sign-in form as a form post.");
    }
    body = await readBodyText(request, SMALL_BODY_BYTES);
  } catch (error) {
    return errorResponse(error);
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body }), context);
}

export { handler as GET, post as POST };
