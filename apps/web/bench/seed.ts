// The benchmark's data, written with set-based SQL (INSERT ... SELECT generate_series): one large
// district (100,000 users, 1,000,000 activity events over the last 90 days, 100,000 content items,
// sessions, classes with their students, finished generation tasks) and two small schools whose
// activity must never show in the district's numbers.
import type { Database } from "@toolboxai/db";

export const DISTRICT = {
  users: 100_000,
  admins: 300,
  teachers: 2_500,
  students: 90_000,
  classesPerTeacher: 5,
  studentsPerClass: 30,
  events: 1_000_000,
  content: 100_000,
  sessions: 300_000,
} as const;

/** The small schools: a few hundred users each, their own events. */
const SMALL = [
  { users: 300, events: 20_000 },
  { users: 300, events: 20_000 },
];

/**
 * The organizations' ids for one run (`stamp` unique per run: cached answers in a shared Redis,
 * keyed by organization, can never be mistaken for this run's).
 */
export const orgIds = (stamp: string) => ({
  district: `bench${stamp}_district`,
  small: SMALL.map((_, i) => `bench${stamp}_small${i + 1}`),
});

/** User ids are `<org>_u<n>` (1-based): admins first, then teachers, students and parents. */
export const userId = (orgId: string, n: number) => `${orgId}_u${n}`;
export const adminId = (orgId: string, i: number) => userId(orgId, 1 + i);
export const teacherId = (orgId: string, i: number) => userId(orgId, DISTRICT.admins + 1 + i);

/**
 * Activity types with their share of the events (they add up to 1) and who does them: what a
 * school's day looks like (sign-ins, lessons and quizzes by students, content work by teachers).
 */
const EVENT_TYPES: Array<{ type: string; share: number; by: "student" | "teacher" | "anyone" }> = [
  { type: "sign_in", share: 0.26, by: "anyone" },
  { type: "lesson_started", share: 0.16, by: "student" },
  { type: "section_completed", share: 0.14, by: "student" },
  { type: "lesson_completed", share: 0.12, by: "student" },
  { type: "quiz_started", share: 0.1, by: "student" },
  { type: "quiz_submitted", share: 0.09, by: "student" },
  { type: "message_sent", share: 0.05, by: "anyone" },
  { type: "class_joined", share: 0.02, by: "student" },
  { type: "content_created", share: 0.02, by: "teacher" },
  { type: "content_updated", share: 0.025, by: "teacher" },
  { type: "content_published", share: 0.01, by: "teacher" },
  { type: "assignment_created", share: 0.01, by: "teacher" },
  { type: "generation_requested", share: 0.005, by: "teacher" },
];

interface OrgShape {
  id: string;
  users: number;
  admins: number;
  teachers: number;
  students: number;
}

function districtShape(id: string): OrgShape {
  return {
    id,
    users: DISTRICT.users,
    admins: DISTRICT.admins,
    teachers: DISTRICT.teachers,
    students: DISTRICT.students,
  };
}

function smallShape(id: string, users: number): OrgShape {
  return { id, users, admins: 5, teachers: 20, students: Math.floor(users * 0.8) };
}

/** SQL for "a random user id of this role range" (1-based, inclusive bounds). */
function randomUser(org: OrgShape, from: number, count: number): string {
  return `'${org.id}_u' || (${from} + floor(random() * ${count}))::int`;
}

async function users(db: Database, org: OrgShape): Promise<void> {
  const t = org.admins;
  const s = t + org.teachers;
  const p = s + org.students;
  // Joined over the last 400 days, evenly: some today, a week's growth to compare.
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "organizationId", "email", "name", "passwordHash", "role", "active", "createdAt", "updatedAt")
    SELECT '${org.id}_u' || n, '${org.id}', 'user' || n || '@${org.id}.bench', 'User ' || n, 'not-a-hash',
           (CASE WHEN n <= ${t} THEN 'ADMIN' WHEN n <= ${s} THEN 'TEACHER' WHEN n <= ${p} THEN 'STUDENT' ELSE 'PARENT' END)::"Role",
           true, c, c
    FROM (SELECT n, now() - random() * interval '400 days' AS c FROM generate_series(1, ${org.users}) AS n) AS g`);
}

async function classes(db: Database, org: OrgShape, perTeacher: number, perClass: number): Promise<void> {
  const total = org.teachers * perTeacher;
  await db.$executeRawUnsafe(`
    INSERT INTO "Class" ("id", "organizationId", "teacherId", "name", "subject", "gradeLevel", "joinCode", "createdAt", "updatedAt")
    SELECT '${org.id}_c' || n, '${org.id}', '${org.id}_u' || (${org.admins} + 1 + (n - 1) / ${perTeacher}),
           'Class ' || n, (ARRAY['Science','Math','History','English','Art'])[1 + n % 5], (6 + n % 7)::text,
           upper(substr(md5('${org.id}' || n), 1, 10)), now() - interval '200 days', now() - interval '200 days'
    FROM generate_series(1, ${total}) AS n`);
  // Each class takes the next `perClass` students (wrapping around): every student is in a few classes.
  await db.$executeRawUnsafe(`
    INSERT INTO "Enrollment" ("id", "organizationId", "classId", "studentId", "createdAt")
    SELECT '${org.id}_e' || c || '_' || k, '${org.id}', '${org.id}_c' || c,
           '${org.id}_u' || (${org.admins + org.teachers} + 1 + ((c - 1) * ${perClass} + k) % ${org.students}),
           now() - interval '200 days'
    FROM generate_series(1, ${total}) AS c, generate_series(0, ${perClass - 1}) AS k`);
}

async function events(db: Database, org: OrgShape, count: number): Promise<void> {
  // Cumulative shares pick a type from one random number per event.
  let cumulative = 0;
  const cases = EVENT_TYPES.map((e) => {
    cumulative += e.share;
    return `WHEN r < ${cumulative.toFixed(4)} THEN ${EVENT_TYPES.indexOf(e) + 1}`;
  }).join(" ");
  const types = `ARRAY[${EVENT_TYPES.map((e) => `'${e.type}'`).join(",")}]`;
  const byTeacher = `ARRAY[${EVENT_TYPES.map((e) => (e.by === "teacher" ? "true" : "false")).join(",")}]`;
  const student = randomUser(org, org.admins + org.teachers + 1, org.students);
  const teacher = randomUser(org, org.admins + 1, org.teachers);
  const anyone = randomUser(org, 1, org.users);
  await db.$executeRawUnsafe(`
    INSERT INTO "ActivityEvent" ("id", "organizationId", "userId", "type", "metadata", "createdAt")
    SELECT '${org.id}_a' || n, '${org.id}',
           CASE WHEN (${byTeacher})[i] THEN ${teacher}
                WHEN (${types})[i] IN ('sign_in', 'message_sent') THEN ${anyone}
                ELSE ${student} END,
           (${types})[i], '{}'::jsonb, at
    FROM (
      SELECT n, CASE ${cases} ELSE ${EVENT_TYPES.length} END AS i,
             -- more activity lately than 90 days ago (a school year filling up)
             now() - (power(random(), 1.3) * interval '90 days') AS at
      FROM (SELECT n, random() AS r FROM generate_series(1, ${count}) AS n) AS g
    ) AS e`);
}

async function content(db: Database, org: OrgShape, count: number): Promise<void> {
  // 40% drafted by the agents: each of those has its finished generation task (20-140 s).
  const generatedEvery = 5; // n % 5 in (0, 1): two in five
  await db.$executeRawUnsafe(`
    INSERT INTO "AgentTask" ("id", "organizationId", "createdById", "request", "status", "progress", "provider", "model",
                             "queuedAt", "startedAt", "finishedAt", "createdAt", "updatedAt")
    SELECT '${org.id}_t' || n, '${org.id}', '${org.id}_u' || (${org.admins} + 1 + n % ${org.teachers}), '{}'::jsonb,
           'COMPLETED', 100, 'offline', 'bench', q, q + interval '1 second', q + d, q, q + d
    FROM (SELECT n, now() - random() * interval '365 days' AS q, (20 + random() * 120) * interval '1 second' AS d
          FROM generate_series(1, ${count}) AS n WHERE n % ${generatedEvery} IN (0, 1)) AS g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ContentItem" ("id", "organizationId", "authorId", "type", "title", "subject", "gradeLevel", "body", "status",
                               "generated", "agentTaskId", "publishedAt", "createdAt", "updatedAt")
    SELECT '${org.id}_i' || n, '${org.id}', coalesce(task, '${org.id}_u' || (${org.admins} + 1 + n % ${org.teachers})),
           (ARRAY['LESSON','QUIZ','ACTIVITY','ENVIRONMENT'])[1 + n % 4]::"ContentType", 'Item ' || n,
           (ARRAY['Science','Math','History','English','Art'])[1 + n % 5], (6 + n % 7)::text, '{}'::jsonb, s::"ContentStatus",
           "taskId" IS NOT NULL, "taskId", CASE WHEN s = 'PUBLISHED' THEN c + interval '1 hour' END, c, c
    FROM (
      SELECT n, t."id" AS "taskId", t."createdById" AS task,
             coalesce(t."finishedAt", now() - random() * interval '365 days') AS c,
             CASE WHEN r < 0.55 THEN 'PUBLISHED' WHEN r < 0.8 THEN 'DRAFT' WHEN r < 0.88 THEN 'GENERATED'
                  WHEN r < 0.95 THEN 'IN_REVIEW' ELSE 'ARCHIVED' END AS s
      FROM (SELECT n, random() AS r FROM generate_series(1, ${count}) AS n) AS g
      LEFT JOIN "AgentTask" AS t ON t."id" = '${org.id}_t' || n
    ) AS x`);
}

async function sessions(db: Database, org: OrgShape, count: number): Promise<void> {
  // Students and teachers signing in over the last 90 days, 5 to 65 minutes each.
  const who = randomUser(org, org.admins + 1, org.teachers + org.students);
  await db.$executeRawUnsafe(`
    INSERT INTO "Session" ("id", "organizationId", "userId", "createdAt", "lastSeenAt", "expiresAt", "revokedAt", "revokedReason")
    SELECT '${org.id}_s' || n, '${org.id}', ${who}, c, c + (5 + random() * 60) * interval '1 minute', c + interval '12 hours',
           CASE WHEN c < now() - interval '12 hours' THEN c + interval '2 hours' END,
           CASE WHEN c < now() - interval '12 hours' THEN 'sign_out' END
    FROM (SELECT n, now() - random() * interval '90 days' AS c FROM generate_series(1, ${count}) AS n) AS g`);
}

/**
 * Runs `fill` with `table`'s secondary indexes dropped, then builds them again: one sort per index
 * instead of a million random inserts into each (several times faster for the big tables).
 */
async function withoutIndexes(db: Database, table: string, fill: () => Promise<void>): Promise<void> {
  const indexes = await db.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = $1 AND indexname NOT LIKE '%\\_pkey'`,
    table,
  );
  for (const index of indexes) await db.$executeRawUnsafe(`DROP INDEX "${index.name}"`);
  await fill();
  for (const index of indexes) await db.$executeRawUnsafe(index.definition);
}

export interface SeedTiming {
  step: string;
  rows: number;
  ms: number;
}

/** Fills an empty, migrated database; resolves to how long each step took. */
export async function seedBenchData(db: Database, stamp: string): Promise<SeedTiming[]> {
  const timings: SeedTiming[] = [];
  const step = async (name: string, rows: number, run: () => Promise<void>) => {
    const started = performance.now();
    await run();
    timings.push({ step: name, rows, ms: performance.now() - started });
  };
  const ids = orgIds(stamp);
  const orgs = [
    { ...districtShape(ids.district), name: "Riverside Unified School District", plan: "ENTERPRISE" },
    ...SMALL.map((s, i) => ({
      ...smallShape(ids.small[i] as string, s.users),
      name: `Small School ${i + 1}`,
      plan: "BASIC",
    })),
  ];
  await step("organizations", orgs.length, async () => {
    for (const o of orgs) {
      await db.$executeRawUnsafe(
        `INSERT INTO "Organization" ("id", "name", "slug", "plan", "updatedAt") VALUES ($1, $2, $3, $4::"PlanTier", now())`,
        o.id,
        o.name,
        o.id.replaceAll("_", "-").toLowerCase(),
        o.plan,
      );
    }
  });
  await step(
    "users",
    orgs.reduce((a, o) => a + o.users, 0),
    async () => {
      for (const o of orgs) await users(db, o);
    },
  );
  const district = orgs[0] as OrgShape;
  const enrollments = DISTRICT.teachers * DISTRICT.classesPerTeacher * DISTRICT.studentsPerClass;
  await step("classes + enrollments", enrollments, async () => {
    await withoutIndexes(db, "Enrollment", async () => {
      await classes(db, district, DISTRICT.classesPerTeacher, DISTRICT.studentsPerClass);
      for (const o of orgs.slice(1)) await classes(db, o, 2, 25);
    });
  });
  await step("activity events", DISTRICT.events + SMALL.reduce((a, s) => a + s.events, 0), async () => {
    await withoutIndexes(db, "ActivityEvent", async () => {
      await events(db, district, DISTRICT.events);
      for (const [i, s] of SMALL.entries()) await events(db, orgs[i + 1] as OrgShape, s.events);
    });
  });
  await step("content items + generation tasks", DISTRICT.content, async () => {
    await content(db, district, DISTRICT.content);
    for (const o of orgs.slice(1)) await content(db, o, 500);
  });
  await step("sessions", DISTRICT.sessions, async () => {
    await withoutIndexes(db, "Session", async () => {
      await sessions(db, district, DISTRICT.sessions);
      for (const o of orgs.slice(1)) await sessions(db, o, 2_000);
    });
  });
  // VACUUM sets the visibility map, so the dashboard's index-only ranges (sessions of 7 days, users
  // active in 24 hours) read no heap, as on a database autovacuum keeps.
  await step("VACUUM ANALYZE", 0, async () => {
    await db.$executeRawUnsafe("VACUUM ANALYZE");
  });
  return timings;
}
