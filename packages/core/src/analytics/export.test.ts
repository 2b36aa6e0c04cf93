// The exports, each read back as a client would: JSON.parse, a CSV parser (fast-csv, through
// exceljs's reader), and exceljs loading the XLSX.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayKey } from "../days";
import { createDomainWorld, type DomainWorld, domainErrorOf } from "../testing";
import { exportAnalytics, exportMetrics } from "./export";
import { addClass, addRollup, addUser, ago, parseCsv, readXlsx, TODAY, testRuntime, text } from "./test-fixtures";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
  await addRollup(w.t.db, w.orgs.a, "lesson_completed", ago(1), 4);
  await addRollup(w.t.db, w.orgs.b, "lesson_completed", ago(1), 40);
});
afterAll(() => w.t.close());

async function admin(org: "a" | "b" = "a") {
  return w.svc(await w.actor(org, "ADMIN"));
}

describe("the metrics export", () => {
  it("as JSON holds the chosen groups and each trend over the range", async () => {
    const file = await exportMetrics(await admin(), testRuntime(), {
      format: "json",
      date_range: "30d",
      metric_types: ["user", "trends"],
    });
    expect(file.contentType).toBe("application/json; charset=utf-8");
    const json = JSON.parse(text(file.body));
    expect(json.organization).toMatchObject({ id: w.orgs.a, slug: "alpha" });
    expect(json.metric_types).toEqual(["user", "trends"]);
    expect(json.user_metrics.total_users).toBeGreaterThan(0);
    expect(json.content_metrics).toBeUndefined();
    expect(json.trends.lessons_completed).toHaveLength(30);
    expect(json.trends.lessons_completed.find((p: { date: string }) => p.date === dayKey(ago(1))).value).toBe(4);
  });

  it("includes every group when none are chosen", async () => {
    const file = await exportMetrics(await admin(), testRuntime(), { format: "json", date_range: "7d" });
    const json = JSON.parse(text(file.body));
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["user_metrics", "content_metrics", "engagement_metrics", "system_metrics", "trends"]),
    );
  });

  it("as CSV is one table of section, metric, date and value", async () => {
    const file = await exportMetrics(await admin(), testRuntime(), {
      format: "csv",
      date_range: "7d",
      metric_types: ["content", "trends"],
    });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = await parseCsv(file.body);
    expect(header).toEqual(["section", "metric", "date", "value"]);
    expect(rows).toContainEqual(["scope", "organization", "", "Alpha School"]);
    expect(rows.filter((r) => r[0] === "content").map((r) => r[1])).toEqual([
      "total_content",
      "published_content",
      "draft_content",
      "content_created_today",
      "avg_generation_time",
    ]);
    expect(rows).toContainEqual(["trends", "lessons_completed", dayKey(ago(1)), "4"]);
    expect(rows.filter((r) => r[0] === "trends")).toHaveLength(7 * 7);
    expect(rows.some((r) => r[0] === "user")).toBe(false);
  });

  it("never holds another organization's numbers", async () => {
    const [header, ...rows] = await parseCsv(
      (
        await exportMetrics(await admin("b"), testRuntime(), {
          format: "csv",
          date_range: "7d",
          metric_types: ["trends"],
        })
      ).body,
    );
    expect(header?.[0]).toBe("section");
    expect(rows).toContainEqual(["trends", "lessons_completed", dayKey(ago(1)), "40"]);
    expect(rows).toContainEqual(["scope", "organization", "", "Beta Academy"]);
  });

  it("neutralizes a class name that a spreadsheet would run as a formula", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const student = await addUser(w.t.db, w.orgs.a, "STUDENT");
    await addClass(w.t.db, w.orgs.a, teacher.userId, [student.id], '=HYPERLINK("http://evil.test","Grades")');
    const file = await exportMetrics(w.svc(teacher), testRuntime(), {
      format: "csv",
      date_range: "7d",
      metric_types: ["user"],
    });
    const rows = await parseCsv(file.body);
    expect(rows).toContainEqual(["scope", "class", "", `'=HYPERLINK("http://evil.test","Grades")`]);
    expect(text(file.body)).not.toMatch(/^"?=/m);
  });

  it("as XLSX has a sheet per metric type, a bold header, numbers as numbers and days as dates", async () => {
    const file = await exportMetrics(await admin(), testRuntime(), { format: "xlsx", date_range: "7d" });
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = await readXlsx(file.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Scope", "Users", "Content", "Engagement", "System", "Trends"]);
    const trends = book.getWorksheet("Trends");
    expect(trends?.getRow(1).values).toEqual([undefined, "Metric", "Date", "Value"]);
    expect(trends?.getRow(1).font?.bold).toBe(true);
    const lessonRow = trends
      ?.getRows(2, trends.rowCount - 1)
      ?.find(
        (r) =>
          r.getCell(1).value === "lessons_completed" &&
          r.getCell(2).value instanceof Date &&
          dayKey(r.getCell(2).value as Date) === dayKey(ago(1)),
      );
    expect(lessonRow?.getCell(3).value).toBe(4);
    const users = book.getWorksheet("Users");
    expect(typeof users?.getRow(2).getCell(3).value).toBe("number");
    expect(users?.getRow(2).getCell(2).value).toEqual(new Date(`${dayKey(TODAY)}T00:00:00.000Z`));
  });

  it("names the file after the organization and the day", async () => {
    for (const format of ["json", "csv", "xlsx"] as const) {
      const file = await exportMetrics(await admin(), testRuntime(), { format, date_range: "7d" });
      expect(file.filename).toBe(`toolboxai-metrics-alpha-${dayKey(TODAY)}.${format}`);
    }
  });

  it("refuses students and parents", async () => {
    for (const role of ["STUDENT", "PARENT"] as const) {
      const error = await domainErrorOf(
        exportMetrics(w.svc(await w.actor("a", role)), testRuntime(), { format: "csv", date_range: "7d" }),
      );
      expect(error.code).toBe("FORBIDDEN");
    }
  });
});

describe("the analytics export", () => {
  it("as JSON holds every trend metric over the range and the cohorts of its weeks", async () => {
    const file = await exportAnalytics(await admin(), testRuntime(), { format: "json", date_range: "30d" });
    const json = JSON.parse(text(file.body));
    expect(Object.keys(json.trends)).toEqual([
      "daily_active_users",
      "new_users",
      "content_created",
      "content_published",
      "lessons_completed",
      "assessments_taken",
      "engagement_score",
    ]);
    expect(json.trends.new_users).toHaveLength(30);
    expect(json.cohorts.weeks).toBe(5);
    expect(json.cohorts.cohorts).toHaveLength(5);
    expect(file.filename).toBe(`toolboxai-analytics-alpha-${dayKey(TODAY)}.json`);
  });

  it("as CSV lists the trends and each cohort's size and retention", async () => {
    const file = await exportAnalytics(await admin(), testRuntime(), { format: "csv", date_range: "7d" });
    const [header, ...rows] = await parseCsv(file.body);
    expect(header).toEqual(["section", "metric", "date", "value"]);
    expect(rows).toContainEqual(["trends", "lessons_completed", dayKey(ago(1)), "4"]);
    const cohort = rows.filter((r) => r[0] === "cohorts");
    expect(cohort.map((r) => r[1])).toEqual(["size", "retention_week_0"]);
  });

  it("as XLSX has a Trends and a Cohorts sheet", async () => {
    const file = await exportAnalytics(await admin(), testRuntime(), { format: "xlsx", date_range: "7d" });
    const book = await readXlsx(file.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Scope", "Trends", "Cohorts"]);
    expect(book.getWorksheet("Cohorts")?.getRow(2).getCell(2).value).toBeInstanceOf(Date);
  });
});
