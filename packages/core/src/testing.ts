// Integration-test fixtures shared by every package's tests: a freshly migrated database per test
// file with two organizations, each with one user of every role, as actors and service contexts.
// packages/api's testing module adds tRPC callers on top (`createWorld` there).
import {
  type AgentConfig,
  type AgentRuntime,
  createAgentRuntime,
  noopPublisher,
  type TaskEventPublisher,
} from "@toolboxai/agents";
import { type Database, hashPassword, type Role, scopeToOrganization } from "@toolboxai/db";
import { createTestDatabase, type TestDatabase } from "@toolboxai/db/testing";
import { type Actor, loadActor } from "./actor";

export type { Actor } from "./actor";

import { aiBudgetGate } from "./agents/budget";
import { materializeDrafts } from "./agents/drafts";
import { createTaskProgressPublisher } from "./agents/progress";
import type { ServiceContext } from "./context";
import { DomainError } from "./errors";
import type { RealtimePublisher } from "./realtime/publisher";

export const PASSWORD = "correct-horse-42";
export const ROLES: Role[] = ["ADMIN", "TEACHER", "STUDENT", "PARENT"];

export interface DomainWorld {
  t: TestDatabase;
  orgs: { a: string; b: string };
  /** users[org][role] */
  users: Record<"a" | "b", Record<Role, { id: string; email: string }>>;
  actor(org: "a" | "b", role: Role): Promise<Actor>;
  /** One more user of `role` in `org` (a colleague, a second student), as an actor. */
  newActor(org: "a" | "b", role: Role, name?: string): Promise<Actor>;
  /** What a service receives when `actor` calls it: the client scoped to the actor's organization. */
  svc(actor: Actor): ServiceContext;
  scoped(org: "a" | "b"): ReturnType<typeof scopeToOrganization>;
  /** The agents' runtime of this world: offline model, in-process queue, created on first use. */
  agents(): AgentRuntime;
  /** Where the world's services publish realtime events (none: they publish nothing). */
  realtime: RealtimePublisher | undefined;
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
    budget: aiBudgetGate(db),
  });
}

export interface WorldOptions {
  /**
   * Where the world's services and agent tasks publish realtime events (a real publisher, or a
   * recording fake); without one they publish nothing.
   */
  realtime?: RealtimePublisher;
}

export async function createDomainWorld(options: WorldOptions = {}): Promise<DomainWorld> {
  const t = await createTestDatabase();
  const passwordHash = await hashPassword(PASSWORD);
  const orgs = {
    a: (await t.db.organization.create({ data: { name: "Alpha School", slug: "alpha" } })).id,
    b: (await t.db.organization.create({ data: { name: "Beta Academy", slug: "beta" } })).id,
  };
  const users = { a: {}, b: {} } as DomainWorld["users"];
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
      const actor = await loadActor(t.db, u.id);
      if (!actor) throw new Error(`no actor for the new ${role}`);
      return actor;
    },
    svc: (actor) => ({ db: scopeToOrganization(t.db, actor.orgId), actor, realtime: options.realtime }),
    scoped: (org) => scopeToOrganization(t.db, orgs[org]),
    agents,
    realtime: options.realtime,
  };
}

/** The DomainError a service call fails with; fails the test when the call succeeds or fails otherwise. */
export async function domainErrorOf(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}
