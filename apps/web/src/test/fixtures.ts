// Integration-test fixtures: a freshly migrated database per test file with two
// organizations, each with one user of every role, and callers acting as any of them.
import {
  type AgentConfig,
  type AgentRuntime,
  createAgentRuntime,
  noopPublisher,
  type TaskEventPublisher,
} from "@toolboxai/agents";
import { type Database, hashPassword, type Role, scopeToOrganization } from "@toolboxai/db";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { TRPCError } from "@trpc/server";
import { type Actor, loadActor } from "~/server/actor";
import { createContextInner, type RequestInfo } from "~/server/api/context";
import { createCaller } from "~/server/api/root";
import type { RealtimePublisher } from "~/server/realtime/publisher";
import { materializeDrafts } from "~/server/services/generated-content";
import { createTaskProgressPublisher } from "~/server/task-events";

export const PASSWORD = "correct-horse-42";
export const ROLES: Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];

export interface World {
  t: TestDatabase;
  orgs: { a: string; b: string };
  /** users[org][role] */
  users: Record<"a" | "b", Record<Role, { id: string; email: string }>>;
  actor(org: "a" | "b", role: Role): Promise<Actor>;
  /** One more user of `role` in `org` (a colleague, a second student), as an actor. */
  newActor(org: "a" | "b", role: Role, name?: string): Promise<Actor>;
  caller(actor: Actor | null, request?: Partial<RequestInfo>): ReturnType<typeof createCaller>;
  scoped(org: "a" | "b"): ReturnType<typeof scopeToOrganization>;
  /** The agents' runtime of this world: offline model, in-process queue, created on first use. */
  agents(): AgentRuntime;
}

/** An agents runtime on a test database: the offline model and the in-process queue by default. */
export function testAgentRuntime(
  db: Database,
  config: Partial<AgentConfig> = {},
  publisher: TaskEventPublisher = noopPublisher,
): AgentRuntime {
  return createAgentRuntime({
    db,
    config: { openai: { model: "test" }, concurrency: 4, attempts: 2, timeoutMs: 10_000, backoffMs: 50, ...config },
    materialize: materializeDrafts,
    publisher,
  });
}

export interface WorldOptions {
  /**
   * Where the world's services and agent tasks publish realtime events (a real publisher, or a
   * recording fake); without one they publish nothing.
   */
  realtime?: RealtimePublisher;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const t = await createTestDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  const orgs = {
    a: (await t.db.organization.create({ data: { name: "Alpha School", slug: "alpha" } })).id,
    b: (await t.db.organization.create({ data: { name: "Beta Academy", slug: "beta" } })).id,
  };
  const users = { a: {}, b: {} } as World["users"];
  let runtime: AgentRuntime | null = null;
  let extra = 0;
  const agents = () => {
    runtime ??= testAgentRuntime(
      t.db,
      {},
      options.realtime ? createTaskProgressPublisher(options.realtime) : noopPublisher,
    );
    return runtime;
  };
  // Stop the world's queue before its database goes away.
  const closeDatabase = t.close;
  t.close = async () => {
    await runtime?.close();
    await closeDatabase();
  };
  for (const org of ["a", "b"] as const) {
    for (const role of ROLES) {
      const email = `${role.toLowerCase()}@${org}.test`;
      const u = await t.db.user.create({
        data: { organizationId: orgs[org], email, name: `${role} ${org.toUpperCase()}`, role, passwordHash },
      });
      users[org][role] = { id: u.id, email };
    }
  }
  return {
    t,
    orgs,
    users,
    async actor(org, role) {
      const actor = await loadActor(t.db, users[org][role].id);
      if (!actor) throw new Error(`no actor for ${org}/${role}`);
      return actor;
    },
    async newActor(org, role, name) {
      extra += 1;
      const u = await t.db.user.create({
        data: {
          organizationId: orgs[org],
          email: `${role.toLowerCase()}-${extra}@${org}.test`,
          name: name ?? `${role} ${org.toUpperCase()} ${extra}`,
          role,
          passwordHash,
        },
      });
      return (await loadActor(t.db, u.id)) as Actor;
    },
    caller(actor, request) {
      return createCaller(
        createContextInner({
          db: t.db,
          actor,
          agents,
          realtime: options.realtime,
          request: request
            ? { origin: null, host: "localhost:3000", secFetchSite: null, source: "test", ...request }
            : null,
        }),
      );
    },
    scoped: (org) => scopeToOrganization(t.db, orgs[org]),
    agents,
  };
}

/** The TRPCError a call fails with; fails the test when the call succeeds. */
export async function errorOf(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}
