// next-auth's configuration. The JWT is only a pointer: its `sid` names a Session row, and the jwt
// callback (which every session read goes through: /api/auth/session, getServerSession in pages,
// the tRPC context and route handlers) refuses a token whose session was revoked, has expired or
// sat idle. next-auth then answers "signed out" and clears the cookie, so a stolen token can't be
// extended. Sign-out revokes the row; so do a password change (the other sessions) and a
// deactivation (all of them), in packages/core.
import "server-only";
import {
  configureSessionPolicy,
  createRedisRevocationBus,
  createSessionRegistry,
  recordSignOut,
  type SessionRegistry,
  sessionPolicyFrom,
} from "@toolboxai/core";
import type { Database, Role } from "@toolboxai/db";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env";
import { getDb } from "~/server/db";
import { logger } from "~/server/logger";
import { authorizeCredentials } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; orgId: string };
    /** The server-side session this browser holds (see the account page's session list). */
    sessionId?: string;
  }
  interface User {
    role: Role;
    orgId: string;
    /** Where the sign-in came from, for the session row (authorize knows the request; jwt does not). */
    client?: { userAgent: string; ip: string };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    orgId?: string;
    /** The Session row this token stands for. */
    sid?: string;
  }
}

configureSessionPolicy(sessionPolicyFrom(env.sessions));

const globalForSessions = globalThis as unknown as { toolboxSessions?: { db: Database; registry: SessionRegistry } };

/**
 * This process's session registry (cache + revocations). With REDIS_URL, revocations reach every
 * instance through Redis pub/sub and a cached session is trusted for a minute; without it, only
 * the embedded database (one process by construction) keeps that; PostgreSQL without Redis may
 * have other instances, so a cached session is re-read after 1 s.
 */
export function getSessionRegistry(): SessionRegistry {
  const db = getDb();
  const current = globalForSessions.toolboxSessions;
  if (current?.db === db) return current.registry;
  void current?.registry.close();
  const registry = createSessionRegistry({
    db,
    bus: env.redisUrl
      ? createRedisRevocationBus({ url: env.redisUrl, logger: logger.child({ component: "sessions" }) })
      : undefined,
    singleProcess: !env.redisUrl && !env.database.databaseUrl,
  });
  globalForSessions.toolboxSessions = { db, registry };
  return registry;
}

/** Thrown by the jwt callback for a token that no longer stands for a usable session. */
class SessionEnded extends Error {
  override readonly name = "SessionEnded";
}

export const authOptions: NextAuthOptions = {
  secret: env.authSecret,
  // The cookie's own lifetime; the session row's absolute and idle limits are what count.
  session: { strategy: "jwt", maxAge: env.sessions.maxAgeHours * 60 * 60 },
  // Over HTTPS the cookies are Secure and named __Secure-/__Host- (next-auth's naming).
  useSecureCookies: env.secureCookies,
  pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const sessions = getSessionRegistry();
      if (user) {
        const session = await sessions.start({
          userId: user.id,
          organizationId: user.orgId,
          userAgent: user.client?.userAgent,
          ip: user.client?.ip,
        });
        token.uid = user.id;
        token.role = user.role;
        token.orgId = user.orgId;
        token.sid = session.id;
        return token;
      }
      // A token from before sessions were recorded counts as signed out too.
      if (!token.uid || !token.sid) throw new SessionEnded("unknown");
      const verdict = await sessions.check(token.sid, token.uid);
      // next-auth answers an empty session and clears the cookie when this callback throws.
      if (!verdict.active) throw new SessionEnded(verdict.reason);
      return token;
    },
    session({ session, token }) {
      // The token's role is only a hint for the browser; the server re-reads the user on
      // every request (see loadActor), so a stale token never grants anything.
      if (token.uid && token.role && token.orgId) {
        session.user = {
          id: token.uid,
          name: token.name ?? "",
          email: token.email ?? "",
          role: token.role,
          orgId: token.orgId,
        };
      }
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sid) {
        await getSessionRegistry()
          .revoke(token.sid, "sign_out")
          .catch((error: unknown) => logger.error({ err: error }, "could not revoke the session at sign-out"));
      }
      if (!token?.uid) return;
      await recordSignOut({ db: getDb() }, token.uid).catch((error: unknown) =>
        logger.warn({ err: error }, "could not record sign-out"),
      );
    },
  },
  logger: {
    error(code, metadata) {
      // A revoked, expired or idle session is an ordinary outcome, not an error.
      if (metadata instanceof Error && metadata.name === "SessionEnded") {
        logger.debug({ reason: metadata.message }, "session ended");
        return;
      }
      logger.error({ code, metadata }, "next-auth error");
    },
    warn: (code) => logger.warn({ code }, "next-auth warning"),
    debug: () => {},
  },
};
