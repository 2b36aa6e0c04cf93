// The metrics and analytics exports over real HTTP: each format answered as an attachment and
// parsed back (JSON.parse, csv-parse, exceljs reading the XLSX), the numbers those of the
// dashboard, the groups asked for and no others, formulas in names neutralized, and the formats
// and ranges validated.
import type { World } from "@toolboxai/api/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Credential, call, credentialHeaders, requestOf } from "./client";
import { type DocOperation, operation } from "./document";
import { expectConforms, expectStatus, invalidFields } from "./expectations";
import { freshClass, freshSubmittedAttempt } from "./rows";
import { type RestWorld, startRestWorld } from "./world";
import { readXlsx } from "./xlsx";

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

const METRICS_EXPORT = operation("POST /metrics/export");
const ANALYTICS_EXPORT = operation("GET /analytics/export/{format}");
const CLASS_EXPORT = operation("GET /classes/{classId}/analytics/export/{format}");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

interface Download {
  status: number;
  contentType: string;
  disposition: string;
  bytes: ArrayBuffer;
  text: string;
}

/** The operation's answer as bytes (an XLSX is not text), after checking it against the document. */
async function download(op: DocOperation, input: Record<string, unknown>, credential: Credential): Promise<Download> {
  const { path, body } = requestOf(op, input);
  const res = await fetch(`${rw.origin}/api/v1${path}`, {
    method: op.method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...credentialHeaders(credential) },
    ...(body ? { body } : {}),
  });
  const bytes = await res.arrayBuffer();
  const text = new TextDecoder().decode(bytes);
  const contentType = res.headers.get("content-type") ?? "";
  // The document's schema check reads text; an XLSX is checked by its media type alone.
  expectConforms(op, { status: res.status, headers: res.headers, text, json: null, request: `${op.method} ${path}` });
  return { status: res.status, contentType, disposition: res.headers.get("content-disposition") ?? "", bytes, text };
}

/** CSV rows as objects by the header row's names. */
function csvRecords(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ""), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

async function totalUsers(credential: Credential): Promise<number> {
  const res = await call(operation("GET /metrics/dashboard"), { force_refresh: true }, credential);
  return (res.json as { user_metrics: { total_users: number } }).user_metrics.total_users;
}

describe("POST /metrics/export", () => {
  it("answers CSV as an attachment whose rows are the dashboard's numbers", async () => {
    const total = await totalUsers(rw.keys.ADMIN);
    const file = await download(METRICS_EXPORT, { format: "csv", date_range: "7d" }, rw.keys.ADMIN);
    expect(file.status).toBe(200);
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.disposition).toMatch(/^attachment; filename="toolboxai-metrics-[a-z0-9-]+\.csv"$/);
    const records = csvRecords(file.text);
    expect(Object.keys(records[0] ?? {})).toEqual(["section", "metric", "date", "value"]);
    const row = records.find((r) => r.section === "user" && r.metric === "total_users");
    expect(Number(row?.value)).toBe(total);
    expect(records.filter((r) => r.section === "trends" && r.metric === "daily_active_users")).toHaveLength(7);
  });

  it("answers XLSX that exceljs reads back, a sheet per group", async () => {
    const total = await totalUsers(rw.keys.ADMIN);
    const file = await download(METRICS_EXPORT, { format: "xlsx", date_range: "30d" }, rw.keys.ADMIN);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe(XLSX);
    expect(file.disposition).toMatch(/filename="[^"]+\.xlsx"$/);
    const sheets = await readXlsx(file.bytes);
    expect(Object.keys(sheets)).toEqual(expect.arrayContaining(["Users", "Content", "Engagement", "System", "Trends"]));
    expect(sheets.Users?.[0]).toEqual(["Metric", "Date", "Value"]);
    expect(sheets.Users?.find((r) => r[0] === "total_users")?.[2]).toBe(total);
  });

  it("answers JSON holding the groups asked for and no others", async () => {
    const file = await download(METRICS_EXPORT, { format: "json", metric_types: ["user", "trends"] }, rw.keys.TEACHER);
    expect(file.status).toBe(200);
    expect(file.contentType).toMatch(/^application\/json/);
    const json = JSON.parse(file.text) as Record<string, unknown>;
    expect(json.metric_types).toEqual(["user", "trends"]);
    expect(json).toHaveProperty("user_metrics");
    expect(json).toHaveProperty("trends");
    expect(json).not.toHaveProperty("content_metrics");
    expect(json).not.toHaveProperty("system_metrics");
  });

  it("writes a class name that reads as a formula as text in the CSV", async () => {
    const w = rw.w;
    const cls = await freshClass(w, "a");
    await w.scoped("a").class.update({ where: { id: cls.id }, data: { name: '=HYPERLINK("http://evil.test","x")' } });
    const file = await download(METRICS_EXPORT, { format: "csv", metric_types: ["user"] }, rw.keys.TEACHER);
    const names = csvRecords(file.text)
      .filter((r) => r.section === "scope" && r.metric === "class")
      .map((r) => r.value);
    expect(names).toContain(`'=HYPERLINK("http://evil.test","x")`);
  });

  it.each([
    ["format", { format: "pdf" }],
    ["date_range", { date_range: "1y" }],
    ["metric_types", { metric_types: [] }],
    ["metric_types", { metric_types: ["weather"] }],
  ])("answers 400 naming %s for %j", async (field, input) => {
    const res = await call(METRICS_EXPORT, input, rw.keys.ADMIN);
    expectStatus(METRICS_EXPORT, res, 400);
    expect(invalidFields(res)).toContain(field);
  });
});

describe("GET /analytics/export/{format}", () => {
  it("answers CSV with every trend over the range and the weekly cohorts", async () => {
    const file = await download(ANALYTICS_EXPORT, { format: "csv", date_range: "30d" }, rw.keys.ADMIN);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(/^attachment; filename="toolboxai-analytics-[a-z0-9-]+\.csv"$/);
    const records = csvRecords(file.text);
    expect(records.filter((r) => r.section === "trends" && r.metric === "new_users")).toHaveLength(30);
    expect(records.some((r) => r.section === "cohorts" && r.metric === "size")).toBe(true);
  });

  it("answers XLSX that exceljs reads back", async () => {
    const file = await download(ANALYTICS_EXPORT, { format: "xlsx", date_range: "7d" }, rw.keys.TEACHER);
    expect(file.status).toBe(200);
    expect(file.contentType).toBe(XLSX);
    const sheets = await readXlsx(file.bytes);
    expect(Object.keys(sheets)).toEqual(expect.arrayContaining(["Trends", "Cohorts"]));
    expect(sheets.Trends?.filter((r) => r[0] === "daily_active_users")).toHaveLength(7);
  });

  it("answers JSON with the trends and cohorts", async () => {
    const file = await download(ANALYTICS_EXPORT, { format: "json", date_range: "7d" }, rw.keys.ADMIN);
    expect(file.status).toBe(200);
    const json = JSON.parse(file.text) as { date_range: string; trends: Record<string, unknown[]>; cohorts: unknown };
    expect(json.date_range).toBe("7d");
    expect(json.trends.daily_active_users).toHaveLength(7);
    expect(json.cohorts).toBeDefined();
  });

  it("answers 400 naming the format for /analytics/export/pdf", async () => {
    const res = await call(ANALYTICS_EXPORT, { format: "pdf" }, rw.keys.ADMIN);
    expectStatus(ANALYTICS_EXPORT, res, 400);
    expect(invalidFields(res)).toContain("format");
  });

  it("answers 400 naming the range for ?date_range=1y", async () => {
    const res = await call(ANALYTICS_EXPORT, { format: "csv", date_range: "1y" }, rw.keys.ADMIN);
    expectStatus(ANALYTICS_EXPORT, res, 400);
    expect(invalidFields(res)).toContain("date_range");
  });
});

describe("GET /classes/{classId}/analytics/export/{format}", () => {
  /** A class of the teacher's whose student submitted a quiz (scored 0 of 1). */
  async function classWithResults(): Promise<string> {
    const { attemptId } = await freshSubmittedAttempt(rw.w, "a");
    const attempt = await rw.w.scoped("a").attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { assignment: { select: { classId: true } } },
    });
    return attempt.assignment.classId;
  }

  it("answers CSV with the class's completion, scores and daily trends", async () => {
    const classId = await classWithResults();
    const file = await download(CLASS_EXPORT, { classId, format: "csv", date_range: "7d" }, rw.keys.TEACHER);
    expect(file.status).toBe(200);
    expect(file.disposition).toMatch(/^attachment; filename="toolboxai-class-[a-z0-9-]+\.csv"$/);
    const records = csvRecords(file.text);
    expect(records.find((r) => r.section === "scope" && r.metric === "students")?.value).toBe("1");
    expect(records.find((r) => r.section === "scores" && r.metric?.startsWith("0"))?.value).toBe("1");
    expect(records.filter((r) => r.section === "trends" && r.metric === "submissions")).toHaveLength(7);
  });

  it("answers XLSX that exceljs reads back, and JSON with every detail", async () => {
    const classId = await classWithResults();
    const xlsx = await download(CLASS_EXPORT, { classId, format: "xlsx" }, rw.keys.TEACHER);
    expect(xlsx.contentType).toBe(XLSX);
    expect(Object.keys(await readXlsx(xlsx.bytes))).toEqual(expect.arrayContaining(["Class", "Score distribution"]));
    const json = await download(CLASS_EXPORT, { classId, format: "json" }, rw.keys.ADMIN);
    expect((JSON.parse(json.text) as { class: { id: string } }).class.id).toBe(classId);
  });

  it("answers 404 to a teacher for a colleague's class", async () => {
    const colleague = await rw.w.newActor("a", "TEACHER", "Colleague");
    const cls = await freshClass(rw.w, "a");
    await rw.w.scoped("a").class.update({ where: { id: cls.id }, data: { teacherId: colleague.userId } });
    const res = await call(CLASS_EXPORT, { classId: cls.id, format: "csv" }, rw.keys.TEACHER);
    expectStatus(CLASS_EXPORT, res, 404);
  });
});
