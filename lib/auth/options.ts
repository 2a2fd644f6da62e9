import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appOrigin, env } from "@/lib/env";
import { verifyCredentials } from "@/lib/auth/credentials";
import { clientAddress } from "@/lib/auth/client-address";
import { SignInThrottledError } from "@/lib/auth/login-throttle";
import { revokeSession } from "@/lib/auth/sign-out";
import { SESSION_COOKIE, SESSION_MAX_AGE, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { newSessionClaims } from "@/lib/auth/session-token";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

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
          // next-auth passes only the thrown message on to the login page, as an error code.
          if (error instanceof SignInThrottledError) throw new Error(`RateLimited:${error.retryAfterMinutes}`);
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
        Object.assign(token, newSessionClaims(SESSION_MAX_AGE));
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, sv: token.sv };
    },
    // Every redirect next-auth makes (after sign-in or sign-out) goes through the same check as
    // the login page's `next`.
    async redirect({ url }) {
      return `${appOrigin}${safeRedirectPath(url)}`;
    },
  },
  events: {
    // Ends the session on the server, not only in this browser (lib/auth/sign-out.ts).
    async signOut({ token }) {
      await revokeSession(token);
    },
  },
};
