// GET /api/classes/:classId/gradebook.csv through the exported route handler: a student whose name
// is a spreadsheet formula is downloaded as text (OWASP's CSV-injection rule). The session is
// mocked; the database, the procedure and the CSV are real, read back with an independent parser.
import { createWorld, type World } from "@toolboxai/api/testing";
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

function download() {
  return GET(new Request(`http://localhost:3000/api/classes/${classId}/gradebook.csv`), {
    params: Promise.resolve({ classId }),
  });
}

describe("GET /api/classes/:classId/gradebook.csv", () => {
  it("downloads a student named like a formula as text, prefixed with a single quote", async () => {
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
    const text = await (await download()).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")",formula@a.test`);
  });
});
