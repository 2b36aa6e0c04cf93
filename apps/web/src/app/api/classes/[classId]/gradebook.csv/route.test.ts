// GET /api/classes/:classId/gradebook.csv through the exported route handler: a student whose name
// is a spreadsheet formula is downloaded as text (OWASP's CSV-injection rule). The session is
// mocked; the database, the procedure and the CSV are real, read back with an independent parser.
import { createWorld, type World } from "@toolboxai/api/testing";
import { generateApiKey } from "@toolboxai/core";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const session = vi.hoisted(() => ({ userId: null as string | null, db: null as unknown }));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));

const { GET } = await import("./route");

const FORMULA = '=HYPERLINK("http://evil","x")';

let w: World;
let classId: string;
beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  const teacher = await w.actor("a", "TEACHER");
  session.userId = teacher.userId;
  classId = (await w.caller(teacher).classes.create({ name: "Period 1", subject: "Science", gradeLevel: "7" })).id;
  const students = [
    { email: "formula@a.test", name: FORMULA },
    { email: "plus@a.test", name: "+SUM(1,2)" },
  ];
  for (const s of students) {
    const student = await w.t.db.user.create({
      data: { organizationId: w.orgs.a, ...s, role: "STUDENT", passwordHash: "x" },
    });
    await w.caller(teacher).classes.addStudent({ classId, studentId: student.id });
  }
});
afterAll(() => w.t.close());

function download(id = classId, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost:3000/api/classes/${encodeURIComponent(id)}/gradebook.csv`, { headers }), {
    params: Promise.resolve({ classId: id }),
  });
}

/** What a browser sends when someone opens the link. */
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

async function signInAs(role: "TEACHER" | "STUDENT" | null, org: "a" | "b" = "a") {
  session.userId = role ? (await w.actor(org, role)).userId : null;
}

describe("GET /api/classes/:classId/gradebook.csv", () => {
  it("downloads a student named like a formula as text, prefixed with a single quote", async () => {
    await signInAs("TEACHER");
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const rows = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
    const names = rows.slice(1, -1).map((r) => r[0]);
    expect(names).toContain(`'${FORMULA}`);
    expect(names).toContain("'+SUM(1,2)");
    expect(names.some((n) => n?.startsWith("=") || n?.startsWith("+"))).toBe(false);
  });

  it("writes the quoted cell the way spreadsheets read it back whole", async () => {
    await signInAs("TEACHER");
    const text = await (await download()).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")",formula@a.test`);
  });
});

describe("GET /api/classes/:classId/gradebook.csv refused, for a program (problem+json, RFC 9457)", () => {
  it("answers 401 to a signed-out caller with the problem's type, title, status and detail", async () => {
    await signInAs(null);
    const res = await download(classId, { "x-correlation-id": "req-csv-anon" });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Unauthorized",
      status: 401,
      detail: "Sign in, then open the link again.",
      code: "UNAUTHORIZED",
      requestId: res.headers.get("x-request-id"),
    });
  });

  it("answers 401 to a signed-in teacher whose link carries an API key: credentials never travel in URLs", async () => {
    await signInAs("TEACHER");
    const url = `http://localhost:3000/api/classes/${classId}/gradebook.csv?key=${generateApiKey()}`;
    const res = await GET(new Request(url), { params: Promise.resolve({ classId }) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 403 to a student", async () => {
    await signInAs("STUDENT");
    const res = await download();
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ title: "Forbidden", status: 403, code: "FORBIDDEN" });
  });

  it("answers 404 naming the class to a teacher of another school", async () => {
    await signInAs("TEACHER", "b");
    const res = await download();
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      title: "Not Found",
      status: 404,
      detail: "Class not found. It may have been deleted, or the link may be wrong.",
    });
  });

  it("answers problem+json, not HTML, to a client that accepts anything", async () => {
    await signInAs(null);
    const res = await download(classId, { accept: "*/*" });
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("GET /api/classes/:classId/gradebook.csv refused, for a browser that opened the link (HTML)", () => {
  it("answers 401 with a page that says to sign in and links to the sign-in page", async () => {
    await signInAs(null);
    const res = await download(classId, BROWSER);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<title>You're not signed in · ToolboxAI</title>");
    expect(html).toContain('<a href="/signin">Sign in</a>');
  });

  it("answers 403 with a page saying the account has no access", async () => {
    await signInAs("STUDENT");
    const res = await download(classId, BROWSER);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<h1>You don't have access to this</h1>");
  });

  it("answers 404 with a page that names what was not found and links home", async () => {
    await signInAs("TEACHER");
    const res = await download("no-such-class", BROWSER);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("<h1>We couldn't find that</h1>");
    expect(html).toContain("Class not found.");
    expect(html).toContain('<a href="/">Go to your home page</a>');
  });
});
