// Findings 6 and 9 of the security review, reproduced over HTTP through the app's tRPC route
// handler: text PostgreSQL cannot store (a NUL, a lone surrogate) is refused with 400 and a field
// error at the field's path instead of a 500, and a lesson media link may only be http or https.
// Only next-auth's session lookup, the database handle and the rate limiter are replaced.
import { createWorld, type World } from "@toolboxai/api/testing";
import { UNSTORABLE_TEXT_MESSAGE, URL_MESSAGE } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));
vi.mock("~/server/rate-limit", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/server/rate-limit")>()),
  getRateLimiter: () => null,
}));

const { GET, POST } = await import("~/app/api/trpc/[trpc]/route");

let w: World;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  session.userId = w.users.a.TEACHER.id;
});
afterAll(() => w.t.close());

const ORIGIN = "http://localhost:3000";
const headers = { "content-type": "application/json", host: "localhost:3000", origin: ORIGIN };

interface ErrorBody {
  error: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } };
}

async function mutate(path: string, input: unknown) {
  const res = await POST(
    new Request(`${ORIGIN}/api/trpc/${path}`, { method: "POST", headers, body: JSON.stringify({ json: input }) }),
  );
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

async function query(path: string, input: unknown) {
  const url = `${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await GET(new Request(url, { headers }));
  return { status: res.status, body: (await res.json()) as ErrorBody };
}

const lesson = (section: Record<string, unknown>, title = "Safety lesson") => ({
  type: "LESSON",
  title,
  subject: "Science",
  gradeLevel: "7",
  body: { sections: [{ id: "s1", heading: "Intro", markdown: "Text", ...section }] },
});

describe("finding 6: text the database cannot store", () => {
  it("answers a NUL in a nested field with 400 and a field error at its dotted path", async () => {
    const { status, body } = await mutate("content.create", lesson({ heading: "Intro\u0000" }));
    expect(status).toBe(400);
    expect(body.error.json.message).toBe(UNSTORABLE_TEXT_MESSAGE);
    expect(body.error.json.data.fieldErrors).toEqual({ "body.sections.0.heading": [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("answers a lone surrogate in the generation notes with 400 on the notes field", async () => {
    const { status, body } = await mutate("agents.generate", {
      topic: "Photosynthesis",
      subject: "Science",
      gradeLevel: "7",
      parts: ["lesson"],
      notes: "half an emoji \uD83C",
    });
    expect(status).toBe(400);
    expect(body.error.json.data.fieldErrors).toEqual({ notes: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("answers a NUL in a query's input (GET) with 400", async () => {
    const { status, body } = await query("content.list", { search: "cells\u0000" });
    expect(status).toBe(400);
    expect(body.error.json.data.fieldErrors).toEqual({ search: [UNSTORABLE_TEXT_MESSAGE] });
  });

  it("answers a NUL in an id with 400, not a database error", async () => {
    const { status } = await query("content.get", { contentId: "abc\u0000" });
    expect(status).toBe(400);
  });

  it("stores nothing from a refused input", async () => {
    await mutate("content.create", lesson({}, "Never stored\u0000"));
    expect(await w.t.db.contentItem.count({ where: { title: { startsWith: "Never stored" } } })).toBe(0);
  });

  it("still answers a body that is not JSON after the role check: 403 for a refused role", async () => {
    session.userId = w.users.a.PARENT.id;
    try {
      const res = await POST(
        new Request(`${ORIGIN}/api/trpc/content.create`, { method: "POST", headers, body: "{not json" }),
      );
      expect(res.status).toBe(403);
    } finally {
      session.userId = w.users.a.TEACHER.id;
    }
  });

  it("stores emoji and other well-formed text as sent", async () => {
    const { status } = await mutate("content.create", lesson({ heading: "Growing 🌱" }, "Emoji lesson"));
    expect(status).toBe(200);
    const item = await w.t.db.contentItem.findFirstOrThrow({ where: { title: "Emoji lesson" } });
    expect(JSON.stringify(item.body)).toContain("Growing 🌱");
  });
});

describe("finding 9: lesson media links", () => {
  it("refuses a javascript: media link with 400 and the link message, storing nothing", async () => {
    const { status, body } = await mutate(
      "content.create",
      lesson({ media: [{ url: "javascript:alert(document.domain)", caption: "Watch" }] }, "Script link"),
    );
    expect(status).toBe(400);
    expect(body.error.json.data.fieldErrors?.body).toEqual([URL_MESSAGE]);
    expect(await w.t.db.contentItem.count({ where: { title: "Script link" } })).toBe(0);
  });

  it("refuses a data: media link in an edit too (the edit's body is checked by its type)", async () => {
    const created = await mutate("content.create", lesson({}, "Edited lesson"));
    expect(created.status).toBe(200);
    const item = await w.t.db.contentItem.findFirstOrThrow({ where: { title: "Edited lesson" } });
    const { status } = await mutate("content.update", {
      contentId: item.id,
      expectedVersion: item.version,
      title: "Edited lesson",
      subject: "Science",
      gradeLevel: "7",
      body: lesson({ media: [{ url: "data:text/html,<script>alert(1)</script>", caption: "" }] }).body,
    });
    expect(status).toBe(400);
    const after = await w.t.db.contentItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(JSON.stringify(after.body)).not.toContain("data:text/html");
  });

  it("accepts an https media link", async () => {
    const { status } = await mutate(
      "content.create",
      lesson({ media: [{ url: "https://www.youtube.com/watch?v=abc", caption: "Video" }] }, "Video lesson"),
    );
    expect(status).toBe(200);
  });
});
