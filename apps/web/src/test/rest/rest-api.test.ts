// Every operation of the published OpenAPI document, over real HTTP against the app's /api/v1
// route module: a success with its documented status, 400 naming the invalid member, 401
// without a credential and with a garbage or revoked key, 403 for a role that may not call it
// and for an API key lacking its scope (the detail naming the scope), 404 for another
// organization's ids. Every response is checked against the schema the document declares for its
// status and content type. Only next-auth's session lookup and the database handle are replaced.
import type { World } from "@toolboxai/api/testing";
import type { Role } from "@toolboxai/db";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { credentialFor, successCaller, TEACHER_SCOPES } from "./callers";
import { CASES } from "./cases";
import { ANONYMOUS, type Credential, call } from "./client";
import { operations } from "./document";
import { expectRateLimitFields, expectStatus, invalidFields, problemOf } from "./expectations";
import { invalidInput, takesInput } from "./invalid";
import { type RestWorld, startRestWorld } from "./world";

const holder = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("next-auth", async (importOriginal) => {
  const { sessionScope } = await import("./http-server");
  return {
    ...(await importOriginal<typeof import("next-auth")>()),
    getServerSession: async () => {
      const id = sessionScope.getStore();
      return id ? { user: { id } } : null;
    },
  };
});
vi.mock("~/server/db", () => ({ getDb: () => holder.db }));

const route = await import("~/app/api/v1/[...path]/route");

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});
afterAll(() => rw?.close());

const GARBAGE_KEY: Credential = {
  kind: "key",
  key: `tbx_live_${"A".repeat(30)}000000`,
  label: "key with a wrong checksum",
};
const GARBAGE_TOKEN: Credential = { kind: "token", token: "not-a-real-token", label: "garbage bearer token" };

const REFUSED_FIRST: Role[] = ["STUDENT", "PARENT", "TEACHER", "ADMIN"];

/** "an admin's", "a teacher's" */
function possessive(role: Role): string {
  const name = role.toLowerCase();
  return `${/^[aeiou]/.test(name) ? "an" : "a"} ${name}'s`;
}

function label(c: Credential): string {
  return c.kind === "none" ? "an anonymous caller" : `a ${c.label}`;
}

const tags = [...new Set(operations.map((o) => o.tag))];

/** Operations without path ids whose body names rows (a class, content, a recipient, a join code). */
const BODY_IDS = ["POST /assignments", "POST /messages/threads", "POST /messages/announcements", "POST /classes/join"];

describe("the table of cases", () => {
  it("has a case for every operation of the document, and none for operations it lacks", () => {
    expect(Object.keys(CASES).sort()).toEqual(operations.map((o) => o.name).sort());
  });
});

for (const tag of tags) {
  describe(tag, () => {
    for (const op of operations.filter((o) => o.tag === tag)) {
      const c = CASES[op.name];
      if (!c) continue;
      const caller = successCaller(op, c);

      it(`${op.name} answers ${op.successStatus} to an allowed caller, with the rate-limit fields`, async () => {
        const credential = credentialFor(rw, caller);
        const res = await call(op, await c.input(rw.w, "a"), credential);
        expectStatus(op, res, op.successStatus);
        expectRateLimitFields(res);
      });

      if (op.method === "GET" && caller.kind === "key") {
        it(`${op.name} answers ${op.successStatus} to the same key sent as X-API-Key`, async () => {
          const key = credentialFor(rw, caller) as Extract<Credential, { kind: "key" }>;
          const res = await call(op, await c.input(rw.w, "a"), { ...key, kind: "key-header" });
          expectStatus(op, res, op.successStatus);
        });
      }

      if (takesInput(op)) {
        it(`${op.name} answers 400 naming the invalid member of its input`, async () => {
          const credential = credentialFor(rw, caller);
          const invalid = invalidInput(op, await c.input(rw.w, "a"));
          if (!invalid) throw new Error(`no invalid version of ${JSON.stringify(await c.input(rw.w, "a"))}`);
          const res = await call(op, invalid.input, credential);
          expectStatus(op, res, 400);
          expect(invalidFields(res), res.text).toContain(invalid.field);
          expectRateLimitFields(res);
        });
      }

      if (!op.isPublic) {
        for (const refused of [ANONYMOUS, GARBAGE_KEY, GARBAGE_TOKEN]) {
          it(`${op.name} answers 401 to ${label(refused)}`, async () => {
            const res = await call(op, await c.input(rw.w, "a"), refused);
            expectStatus(op, res, 401);
            expectRateLimitFields(res);
          });
        }
        it(`${op.name} answers 401 to a revoked key`, async () => {
          const res = await call(op, await c.input(rw.w, "a"), rw.revokedKey);
          expectStatus(op, res, 401);
          expectRateLimitFields(res);
        });

        const role = REFUSED_FIRST.find((r) => !c.allowed.includes(r));
        if (role) {
          it(`${op.name} answers 403 to ${possessive(role)} access token`, async () => {
            const res = await call(op, await c.input(rw.w, "a"), rw.tokens[role]);
            expectStatus(op, res, 403);
            expect(problemOf(res).code).toBe("FORBIDDEN");
            expectRateLimitFields(res);
          });
        }

        const scope = op.scopes[0];
        const owner = c.allowed.includes("TEACHER") && scope && TEACHER_SCOPES.includes(scope) ? "TEACHER" : "ADMIN";
        if (scope && c.allowed.includes(owner)) {
          it(`${op.name} answers 403 to ${possessive(owner)} key lacking ${scope}, naming the scope`, async () => {
            const key = rw.lacking[scope as keyof RestWorld["lacking"]][owner];
            if (!key) throw new Error(`no ${owner} key lacking ${scope}`);
            const res = await call(op, await c.input(rw.w, "a"), key);
            expectStatus(op, res, 403);
            expect(problemOf(res).detail).toContain(scope);
            expectRateLimitFields(res);
          });
        }
        if (scope === "admin" && c.allowed.includes("ADMIN") && !c.allowed.includes("TEACHER")) {
          it(`${op.name} answers 403 to a teacher's key with every scope a teacher may hold`, async () => {
            const res = await call(op, await c.input(rw.w, "a"), rw.keys.TEACHER);
            expectStatus(op, res, 403);
            expect(problemOf(res).detail).toContain("admin");
          });
        }
        if (!op.acceptsKeys) {
          it(`${op.name} answers 403 to an admin's key with every scope (the document lists no apiKey security)`, async () => {
            const res = await call(op, await c.input(rw.w, "a"), rw.keys.ADMIN);
            expectStatus(op, res, 403);
          });
        } else if (!c.allowed.some((r) => r === "ADMIN" || r === "TEACHER")) {
          it(`${op.name} answers 403 to every API key (its roles cannot hold keys)`, async () => {
            const res = await call(op, await c.input(rw.w, "a"), rw.keys.ADMIN);
            expectStatus(op, res, 403);
          });
        }
      }

      // Path parameters that name rows (`classId`), not a choice (`{format}`, `{metric}`).
      if (op.pathParams.some((p) => p.endsWith("Id")) || BODY_IDS.includes(op.name)) {
        it(`${op.name} answers 404 for another organization's ids`, async () => {
          const credential = credentialFor(rw, caller);
          const res = await call(op, await c.input(rw.w, "b"), credential);
          expectStatus(op, res, 404);
          expect(problemOf(res).code).toBe("NOT_FOUND");
          expectRateLimitFields(res);
        });
      }
    }
  });
}
