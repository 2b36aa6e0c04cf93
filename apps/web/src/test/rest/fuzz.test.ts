// The REST fuzz: for every operation of the document, 30 requests generated from its schemas and
// one valid input (see ./fuzz-requests.ts), sent over real HTTP by a caller allowed to make the
// call, so mutations reach validation and the services. No response may have a status of 500 or
// more, and every response must be one the document declares (its status, content type and
// schema). The count of each status is printed at the end.
import type { World } from "@toolboxai/api/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { credentialFor, successCaller } from "./callers";
import { CASES } from "./cases";
import { credentialHeaders, sendRaw } from "./client";
import { nonConformities } from "./conformance";
import { operations } from "./document";
import { fuzzRequests } from "./fuzz-requests";
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

const PER_OPERATION = 30;

let rw: RestWorld;
beforeAll(async () => {
  rw = await startRestWorld(route, (w: World) => {
    holder.db = w.t.db;
  });
});

const statuses = new Map<number, number>();
let sent = 0;
afterAll(async () => {
  const table = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
  console.log(`REST fuzz: ${sent} requests over ${operations.length} operations; by status: ${table.join(", ")}`);
  await rw?.close();
});

describe("the REST fuzz", () => {
  for (const op of operations) {
    const c = CASES[op.name];
    if (!c) continue;
    it(`${op.name} answers ${PER_OPERATION} generated requests below 500, each as documented`, async () => {
      const requests = fuzzRequests(
        op,
        await c.input(rw.w, "a"),
        credentialHeaders(credentialFor(rw, successCaller(op, c))),
        PER_OPERATION,
      );
      const serverErrors: string[] = [];
      const undocumented: string[] = [];
      for (const req of requests) {
        const res = await sendRaw(req);
        sent += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const what = `[${req.mutation}] ${res.request.slice(0, 200)} → ${res.status} ${res.text.slice(0, 200)}`;
        if (res.status >= 500) serverErrors.push(what);
        const problems = nonConformities(op, res);
        if (problems.length > 0) undocumented.push(`${what}: ${problems.slice(0, 3).join("; ")}`);
      }
      expect(requests).toHaveLength(PER_OPERATION);
      expect(serverErrors).toEqual([]);
      expect(undocumented).toEqual([]);
    });
  }
});
