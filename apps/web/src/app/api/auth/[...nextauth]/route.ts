import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/options";
import { getRateLimiter, limitByAddress } from "~/server/rate-limit";

const nextAuth = NextAuth(authOptions);

/**
 * next-auth's routes (sign-in, sign-out, CSRF, session), counted per client IP before next-auth
 * sees them. Wrong passwords are limited more tightly by the credentials check itself.
 */
async function handler(req: Request, ctx: { params: Promise<Record<string, string[]>> }): Promise<Response> {
  const limited = await limitByAddress(getRateLimiter(), req, "auth.ip");
  return limited ?? nextAuth(req, ctx);
}

export { handler as GET, handler as POST };
