// Fixtures for the analytics tests: a fixed clock (today 12:00 UTC), a memory-cached runtime, and
// rows written straight to the database at chosen times (the services stamp rows with the real
// clock, so history has to be written as it would have been).
import { Readable } from "node:stream";
import type { Database } from "@toolboxai/db";
import ExcelJS from "exceljs";
import { addDays, utcDay } from "../days";
import { createMetricsCache } from "../metrics/cache";
import type { MetricsRuntime } from "../metrics/runtime";

/** Noon (UTC) today: far enough from midnight that "today" is the same day all test long. */
export const NOW = new Date(utcDay(new Date()).getTime() + 12 * 3600_000);
export const TODAY = utcDay(NOW);

/** `days` days before NOW (same time of day), plus `hours`. */
export function ago(days: number, hours = 0): Date {
  return new Date(addDays(NOW, -days).getTime() + hours * 3600_000);
}

export function testRuntime(now: Date = NOW): MetricsRuntime {
  return {
    cache: createMetricsCache({ now: () => now }),
    system: async () => ({
      api_response_time_p95: null,
      cache_hit_rate: null,
      database_connections: 1,
      redis_memory_usage: null,
      error_rate: null,
    }),
    now: () => now,
  };
}

let serial = 0;
const next = () => {
  serial += 1;
  return serial;
};

export async function addUser(
  db: Database,
  organizationId: string,
  role: "TEACHER" | "STUDENT" | "ADMIN" | "PARENT",
  createdAt: Date = NOW,
  name?: string,
) {
  const n = next();
  return db.user.create({
    data: {
      organizationId,
      email: `fixture-${n}@analytics.test`,
      name: name ?? `${role} ${n}`,
      role,
      passwordHash: "x",
      createdAt,
    },
  });
}

export async function addClass(
  db: Database,
  organizationId: string,
  teacherId: string,
  studentIds: string[],
  name?: string,
) {
  const n = next();
  return db.class.create({
    data: {
      organizationId,
      teacherId,
      name: name ?? `Class ${n}`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: `FX${String(n).padStart(4, "0")}`,
      enrollments: { create: studentIds.map((studentId) => ({ organizationId, studentId })) },
    },
  });
}

export async function addEvent(
  db: Database,
  organizationId: string,
  userId: string,
  type: string,
  createdAt: Date,
  metadata: Record<string, string> = {},
) {
  return db.activityEvent.create({ data: { organizationId, userId, type, createdAt, metadata } });
}

/** A lesson of the class's teacher assigned to the class (what lesson and quiz events name). */
export async function addAssignment(db: Database, organizationId: string, cls: { id: string; teacherId: string }) {
  const content = await addContent(db, organizationId, cls.teacherId, { type: "LESSON" });
  return db.assignment.create({
    data: { organizationId, classId: cls.id, contentId: content.id, assignedById: cls.teacherId },
  });
}

export async function addContent(
  db: Database,
  organizationId: string,
  authorId: string,
  opts: { type?: "LESSON" | "QUIZ"; title?: string; createdAt?: Date; agentTaskId?: string } = {},
) {
  return db.contentItem.create({
    data: {
      organizationId,
      authorId,
      type: opts.type ?? "QUIZ",
      title: opts.title ?? `Item ${next()}`,
      subject: "Science",
      gradeLevel: "7",
      body:
        opts.type === "LESSON"
          ? {
              sections: ["s1", "s2"].map((id) => ({ id, heading: `Part ${id}`, markdown: "Text", media: [] })),
            }
          : { instructions: "", draw: null },
      status: "PUBLISHED",
      publishedAt: opts.createdAt ?? NOW,
      createdAt: opts.createdAt ?? NOW,
      agentTaskId: opts.agentTaskId ?? null,
    },
  });
}

export async function addRollup(db: Database, organizationId: string, metric: string, day: Date, value: number) {
  return db.metricDaily.create({ data: { organizationId, metric, day: utcDay(day), value } });
}

export async function addActiveDay(db: Database, organizationId: string, userId: string, day: Date) {
  return db.activeUserDay.create({ data: { organizationId, userId, day: utcDay(day), lastAt: day } });
}

// Reading exports back ---------------------------------------------------------------------

export const text = (body: Uint8Array) => new TextDecoder().decode(body);

/** The CSV's rows as the strings they hold (no type guessing). */
export async function parseCsv(body: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text(body)]), { map: (value: unknown) => value });
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells = (row.values as unknown[]).slice(1);
    rows.push(
      Array.from({ length: 4 }, (_, i) => (cells[i] === undefined || cells[i] === null ? "" : String(cells[i]))),
    );
  });
  return rows;
}

export async function readXlsx(body: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}
