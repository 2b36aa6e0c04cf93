// One class's analytics as a file, read back; the class and its lesson carry names a spreadsheet
// would run as formulas.
import { createAssignmentSchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssignment } from "../assignments/assignments";
import { dayKey } from "../days";
import { type Actor, createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { getClassAnalytics } from "./class-analytics";
import { exportClassAnalytics } from "./export";
import { addClass, addContent, NOW, parseCsv, readXlsx, TODAY, text } from "./test-fixtures";

const HOSTILE_TITLE = "=cmd|' /C calc'!A0";
let w: DomainWorld;
let teacher: Actor;
let classId: string;

beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.newActor("a", "TEACHER");
  const student = await w.newActor("a", "STUDENT");
  classId = (await addClass(w.t.db, w.orgs.a, teacher.userId, [student.userId], "+Period 1")).id;
  const lesson = await addContent(w.t.db, w.orgs.a, teacher.userId, { type: "LESSON", title: HOSTILE_TITLE });
  await createAssignment(w.svc(teacher), createAssignmentSchema.parse({ classId, contentId: lesson.id }));
});
afterAll(() => w.t.close());

describe("a class's analytics export", () => {
  it("as CSV shows the class's and the lesson's names as text, never as formulas", async () => {
    const file = await exportClassAnalytics(w.svc(teacher), { classId, date_range: "7d", format: "csv" }, { now: NOW });
    const rows = await parseCsv(file.body);
    expect(rows[0]).toEqual(["section", "metric", "date", "value"]);
    expect(rows).toContainEqual(["scope", "class", "", "'+Period 1"]);
    expect(rows).toContainEqual(["completion", `'${HOSTILE_TITLE}`, "", "0"]);
    expect(rows.filter((r) => r[0] === "trends")).toHaveLength(14);
    expect(text(file.body)).not.toMatch(/^"?[=+]/m);
  });

  it("as JSON is the class's analytics", async () => {
    const file = await exportClassAnalytics(
      w.svc(teacher),
      { classId, date_range: "7d", format: "json" },
      { now: NOW },
    );
    const analytics = await getClassAnalytics(w.svc(teacher), { classId, date_range: "7d" }, { now: NOW });
    expect(JSON.parse(text(file.body))).toEqual(JSON.parse(JSON.stringify(analytics)));
  });

  it("as XLSX has a sheet per part with the numbers as numbers", async () => {
    const file = await exportClassAnalytics(
      w.svc(teacher),
      { classId, date_range: "7d", format: "xlsx" },
      { now: NOW },
    );
    const book = await readXlsx(file.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Class", "Completion (%)", "Score distribution", "Trends"]);
    const completion = book.getWorksheet("Completion (%)")?.getRow(2);
    expect(completion?.getCell(1).value).toBe(HOSTILE_TITLE);
    expect(completion?.getCell(3).value).toBe(0);
    expect(book.getWorksheet("Trends")?.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  });

  it("names the file after the class and the day", async () => {
    const file = await exportClassAnalytics(w.svc(teacher), { classId, date_range: "7d", format: "csv" }, { now: NOW });
    expect(file.filename).toBe(`toolboxai-class-period-1-${dayKey(TODAY)}.csv`);
  });

  it("answers another teacher's class as not found", async () => {
    const other = await w.newActor("a", "TEACHER");
    const error = await domainErrorOf(exportClassAnalytics(w.svc(other), { classId, date_range: "7d", format: "csv" }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
