import "server-only";
import { recordSignOut } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env";
import { getDb } from "~/server/db";
import { logger } from "~/server/logger";
import { authorizeCredentials } from "./sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; role: Role; orgId: string };
  }
  interface User {
    role: Role;
    orgId: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    orgId?: string;
  }
}

export const authOptions: NextAuthOptions = {
  secret: env.authSecret,
  session: { strategy: "jwt", maxAge: 60 * 60 * 12 },
  pages: { signIn: "/signin", signOut: "/signout", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.orgId = user.orgId;
      }
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
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.uid) return;
      await recordSignOut({ db: getDb() }, token.uid).catch((error: unknown) =>
        logger.warn({ err: error }, "could not record sign-out"),
      );
    },
  },
  logger: {
    error: (code, metadata) => logger.error({ code, metadata }, "next-auth error"),
    warn: (code) => logger.warn({ code }, "next-auth warning"),
    debug: () => {},
  },
};
