// The world the REST suites run in: two organizations (createWorld), the app's real /api/v1
// route module behind a real HTTP server, this process's rate limiter replaced by one with a
// table the suite chooses, and a credential for each way of calling: API keys (made through
// POST /api-keys by a signed-in admin and teacher: every scope their role may hold, every scope
// but one, and a revoked one) and app access tokens (POST /auth/token) for every role.
import { createWorld, PASSWORD, type World } from "@toolboxai/api/testing";
import { createRateLimiter, RATE_LIMITS, type RateLimiter, type RateLimitTable } from "@toolboxai/core";
import type { Role } from "@toolboxai/db";
import { type ApiScope, apiScopesFor } from "@toolboxai/validators";
import { type Credential, call, sendRaw, useOrigin } from "./client";
import { operation } from "./document";
import { type RouteModule, serveRoutes } from "./http-server";

export interface RestWorld {
  w: World;
  origin: string;
  /** An access token per role of organization "a" (sessions: not limited by scopes). */
  tokens: Record<Role, Credential>;
  /** The browser session of each role of organization "a". */
  sessions: Record<Role, Credential>;
  /** Keys holding every scope their owner's role may give. */
  keys: { ADMIN: Credential; TEACHER: Credential };
  /** For each scope, a key of the admin (and of the teacher, for teacher scopes) holding all others. */
  lacking: Record<ApiScope, { ADMIN: Credential; TEACHER: Credential | null }>;
  /** A key that was valid and is revoked. */
  revokedKey: Credential;
  close(): Promise<void>;
}

/** The platform's table with every limit multiplied, so a suite's hundreds of calls are never refused. */
export function generousLimits(factor = 1000): RateLimitTable {
  const table = { ...RATE_LIMITS } as RateLimitTable;
  for (const name of Object.keys(table) as (keyof RateLimitTable)[]) {
    table[name] = { ...table[name], points: table[name].points * factor };
  }
  return table;
}

/**
 * Makes `limits` what the app's limiter counts with from the next request on: the limiter
 * apps/web/src/server/rate-limit.ts's getRateLimiter() hands out (one per process, on globalThis).
 */
export function installRateLimiter(limits: Partial<RateLimitTable>): RateLimiter {
  const limiter = createRateLimiter({ keyPrefix: `rest-test-${process.pid}-${Date.now()}`, limits });
  (globalThis as unknown as { toolboxRateLimiter?: RateLimiter }).toolboxRateLimiter = limiter;
  return limiter;
}

async function accessToken(email: string, label: string): Promise<Credential> {
  const res = await sendRaw({
    method: "POST",
    path: "/auth/token",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, clientName: "REST suite" }),
  });
  const grant = res.json as { accessToken?: string };
  if (res.status !== 200 || !grant.accessToken) throw new Error(`token grant for ${email}: ${res.status} ${res.text}`);
  return { kind: "token", token: grant.accessToken, label };
}

async function createKey(owner: Credential, scopes: readonly ApiScope[], label: string) {
  const res = await call(operation("POST /api-keys"), { name: label, scopes: [...scopes] }, owner);
  const made = res.json as { key?: { id: string }; secret?: string };
  if (res.status !== 201 || !made.secret || !made.key) throw new Error(`creating ${label}: ${res.status} ${res.text}`);
  return { id: made.key.id, credential: { kind: "key", key: made.secret, label } as Credential };
}

export async function startRestWorld(
  route: RouteModule,
  bind: (w: World) => void,
  options: { limits?: Partial<RateLimitTable> } = {},
): Promise<RestWorld> {
  const w = await createWorld();
  bind(w);
  const limiter = installRateLimiter(options.limits ?? generousLimits());
  const server = await serveRoutes({ "/api/v1": route });
  useOrigin(server.origin);

  const roles: Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];
  const sessions = Object.fromEntries(
    roles.map((r) => [r, { kind: "session", userId: w.users.a[r].id, label: `${r.toLowerCase()} session` }]),
  ) as Record<Role, Credential>;
  const tokens = {} as Record<Role, Credential>;
  for (const r of roles) tokens[r] = await accessToken(w.users.a[r].email, `${r.toLowerCase()}'s access token`);

  const adminScopes = apiScopesFor("ADMIN");
  const teacherScopes = apiScopesFor("TEACHER");
  const keys = {
    ADMIN: (await createKey(sessions.ADMIN, adminScopes, "admin key with every scope")).credential,
    TEACHER: (await createKey(sessions.TEACHER, teacherScopes, "teacher key with every teacher scope")).credential,
  };
  const lacking = {} as RestWorld["lacking"];
  for (const scope of adminScopes) {
    const others = (all: readonly ApiScope[]) => all.filter((s) => s !== scope);
    lacking[scope] = {
      ADMIN: (await createKey(sessions.ADMIN, others(adminScopes), `admin key without ${scope}`)).credential,
      TEACHER: teacherScopes.includes(scope)
        ? (await createKey(sessions.TEACHER, others(teacherScopes), `teacher key without ${scope}`)).credential
        : null,
    };
  }
  const revoked = await createKey(sessions.ADMIN, adminScopes, "revoked key");
  const revokedRes = await call(
    operation("POST /api-keys/{keyId}/revoke"),
    { keyId: revoked.id, reason: "Leaked" },
    sessions.ADMIN,
  );
  if (revokedRes.status !== 200) throw new Error(`revoking a key: ${revokedRes.status} ${revokedRes.text}`);

  return {
    w,
    origin: server.origin,
    tokens,
    sessions,
    keys,
    lacking,
    revokedKey: revoked.credential,
    async close() {
      await server.close();
      // The app's agents runtime (made on first use by a generation) stops before its database closes.
      await (globalThis as unknown as { toolboxAgents?: { close(): Promise<void> } }).toolboxAgents?.close();
      await limiter.close();
      await w.t.close();
    },
  };
}
