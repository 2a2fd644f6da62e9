import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { verifyCredentials } from "@/lib/auth/credentials";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/auth/client-address";
import { SESSION_COOKIE, SESSION_MAX_AGE, sessionCookieOptions } from "@/lib/auth/session-cookie";

export const authOptions: NextAuthOptions = {
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/login", error: "/login" },
  cookies: { sessionToken: { name: SESSION_COOKIE, options: sessionCookieOptions } },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await verifyCredentials(credentials, clientAddress(req.headers ?? {}));
          return user ? { id: user.id, role: user.role, sv: user.sessionVersion } : null;
        } catch (error) {
          // next-auth shows the thrown message's text as the error code on the login page.
          if (isAppError(error) && error.code === "RATE_LIMITED") throw new Error("RateLimited");
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: string; sv: number };
        token.sub = u.id;
        token.role = u.role;
        token.sv = u.sv;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, sv: token.sv };
    },
  },
};
