// Writes an import's plan: schools, people, classes, enrollments, parent links, in that order (each
// refers to the ones before), one row at a time so a row that fails (someone took the email a
// moment ago) is reported and the others still land. Progress is reported after every batch.
import { randomBytes } from "node:crypto";
import { hashPassword, Prisma } from "@toolboxai/db";
import type { ImportCounts, ImportProblem, ImportSummary } from "@toolboxai/validators";
import { retireResetTokens } from "../auth/password-reset";
import { generateJoinCode } from "../classes/classes";
import type { ServiceContext } from "../context";
import { isPrismaError } from "../errors";
import { metricsChanged, rollupFailed } from "../metrics/events";
import { endUserSessions } from "../sessions/sessions";
import type { Action, ClassOp, ImportPlan, LinkOp, Ref, SchoolOp, UserOp, UserRef } from "./validate";

export const IMPORT_BATCH_SIZE = 50;

const COUNT_OF: Record<Action, keyof ImportCounts> = {
  create: "created",
  update: "updated",
  unchanged: "unchanged",
  remove: "removed",
};

export interface ApplyResult {
  summary: ImportSummary;
  problems: ImportProblem[];
  createdUserIds: string[];
}

/**
 * Applies `plan`. `onProgress(done, total)` is awaited after each batch. The summary starts as the
 * plan's and moves a row to `skipped` when its write fails (its problem says why).
 */
export async function applyPlan(
  ctx: ServiceContext,
  plan: ImportPlan,
  onProgress: (done: number, total: number) => Promise<void>,
): Promise<ApplyResult> {
  const summary = structuredClone(plan.summary);
  const problems: ImportProblem[] = [];
  const userIds = new Map<string, string>();
  const schoolIds = new Map<string, string>();
  const classIds = new Map<string, string>();
  const createdUserIds: string[] = [];
  const total =
    plan.schools.length + plan.users.length + plan.classes.length + plan.enrollments.length + plan.parentLinks.length;
  let done = 0;
  // A hash of a secret nobody keeps: the account has no usable password until a set-password link is used.
  const unusableHash = plan.users.some((u) => u.action === "create" && !u.row.password)
    ? await hashPassword(randomBytes(32).toString("base64url"))
    : "";

  const userId = (ref: UserRef) => ("id" in ref ? ref.id : userIds.get(ref.key));
  const schoolId = (ref: Ref | null | undefined) =>
    ref == null ? null : "id" in ref ? ref.id : (schoolIds.get(ref.sourcedId) ?? null);
  const classId = (ref: Ref) => ("id" in ref ? ref.id : classIds.get(ref.sourcedId));

  /**
   * Writes `ops` in batches: `batch` writes a whole batch at once when given (one statement), and
   * when it fails, or without it, `write` writes each op alone so one bad row fails alone.
   */
  async function each<T extends { action: Action | "create" | "remove"; src: { file: string; row: number } }>(
    kind: keyof ImportSummary,
    ops: T[],
    write: (op: T) => Promise<void>,
    batch?: (ops: T[]) => Promise<void>,
  ) {
    for (let i = 0; i < ops.length; i += IMPORT_BATCH_SIZE) {
      const chunk = ops.slice(i, i + IMPORT_BATCH_SIZE);
      let written = false;
      if (batch) {
        try {
          await batch(chunk);
          written = true;
        } catch {
          // One row of the batch is refused: write them one by one to find it.
        }
      }
      if (!written) {
        for (const op of chunk) {
          try {
            await write(op);
          } catch (error) {
            const counts = summary[kind];
            counts[COUNT_OF[op.action]] -= 1;
            counts.skipped += 1;
            problems.push({ file: op.src.file, row: op.src.row, field: null, message: failure(error) });
          }
        }
      }
      done += chunk.length;
      await onProgress(done, total);
    }
  }

  await each("schools", plan.schools, async (op: SchoolOp) => {
    if (op.action === "remove") {
      await ctx.db.school.delete({ where: { id: op.existingId as string } });
    } else if (op.action === "update") {
      await ctx.db.school.update({ where: { id: op.existingId as string }, data: { name: op.row.name } });
      schoolIds.set(op.row.sourcedId, op.existingId as string);
    } else {
      const school = await ctx.db.school.create({
        data: { organizationId: ctx.actor.orgId, sourcedId: op.row.sourcedId, name: op.row.name, type: "school" },
      });
      schoolIds.set(op.row.sourcedId, school.id);
    }
  });

  const newUser = async (row: UserOp["row"]) => ({
    organizationId: ctx.actor.orgId,
    sourcedId: row.sourcedId,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    // A password from the file is a first password: the person chooses their own at sign-in.
    passwordHash: row.password ? await hashPassword(row.password) : unusableHash,
    mustChangePassword: row.password !== null,
  });
  const created = async (pairs: { key: string; id: string }[]) => {
    for (const { key, id } of pairs) {
      userIds.set(key, id);
      createdUserIds.push(id);
    }
    await rollUpUsersCreated(
      ctx,
      pairs.map((p) => p.id),
    );
  };
  await each(
    "users",
    plan.users.filter((op) => op.action === "create"),
    async (op) => {
      const user = await ctx.db.user.create({ data: await newUser(op.row), select: { id: true } });
      await created([{ key: op.row.key, id: user.id }]);
    },
    async (ops) => {
      const data = [];
      for (const op of ops) data.push(await newUser(op.row));
      const rows = await ctx.db.user.createManyAndReturn({ data, select: { id: true, email: true } });
      const keyOf = new Map(ops.map((op) => [op.row.email, op.row.key]));
      await created(rows.map((r) => ({ key: keyOf.get(r.email) as string, id: r.id })));
    },
  );
  for (const op of plan.users) if (op.existing) userIds.set(op.row.key, op.existing.id);
  await each(
    "users",
    plan.users.filter((op) => op.action !== "create"),
    async (op) => {
      const existing = op.existing as NonNullable<UserOp["existing"]>;
      if (op.action === "unchanged") return;
      const { changes } = op;
      const data = changes as Prisma.UserUpdateInput;
      if (changes.email === undefined && changes.active !== false) {
        await ctx.db.user.update({ where: { id: existing.id }, data });
        return;
      }
      await ctx.db.$transaction(async (tx) => {
        // A link made for the old address, or before a deactivation, must not outlive the change.
        await retireResetTokens(tx, existing.id);
        await tx.user.update({ where: { id: existing.id }, data });
      });
      if (changes.active === false) await endUserSessions(ctx, existing.id, { reason: "deactivated" });
    },
  );

  await each("classes", plan.classes, async (op: ClassOp) => {
    if (op.action === "remove") {
      await ctx.db.class.update({ where: { id: op.existing?.id as string }, data: { archivedAt: new Date() } });
      return;
    }
    const { changes } = op;
    const teacherId = changes.teacher ? userId(changes.teacher) : undefined;
    if (changes.teacher && !teacherId) throw new Error("its teacher's row could not be written");
    const data = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.subject !== undefined ? { subject: changes.subject } : {}),
      ...(changes.gradeLevel !== undefined ? { gradeLevel: changes.gradeLevel } : {}),
      ...(changes.school !== undefined ? { schoolId: schoolId(changes.school) } : {}),
      ...(teacherId ? { teacherId } : {}),
    };
    if (op.existing) {
      await ctx.db.class.update({ where: { id: op.existing.id }, data });
      classIds.set(op.row.sourcedId, op.existing.id);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const cls = await ctx.db.class.create({
          data: {
            organizationId: ctx.actor.orgId,
            sourcedId: op.row.sourcedId,
            name: op.row.name,
            subject: op.row.subject,
            gradeLevel: op.row.gradeLevel as string,
            schoolId: schoolId(op.school),
            teacherId: teacherId as string,
            joinCode: generateJoinCode(),
          },
          select: { id: true },
        });
        classIds.set(op.row.sourcedId, cls.id);
        return;
      } catch (error) {
        // A join code taken by another class: draw again.
        if (!isPrismaError(error, "P2002") || attempt >= 5) throw error;
      }
    }
  });

  await each(
    "enrollments",
    plan.enrollments,
    async (op: LinkOp) => {
      const cls = classId(op.a as Ref);
      const student = userId(op.b);
      if (!cls || !student) throw new Error("its class or student could not be written");
      if (op.action === "remove") await ctx.db.enrollment.deleteMany({ where: { classId: cls, studentId: student } });
      else
        await ctx.db.enrollment.createMany({
          data: [{ organizationId: ctx.actor.orgId, classId: cls, studentId: student }],
          skipDuplicates: true,
        });
    },
    async (ops) => {
      const data = ops.map((op) => ({ classId: classId(op.a as Ref), studentId: userId(op.b) }));
      if (ops.some((op) => op.action !== "create") || data.some((d) => !d.classId || !d.studentId))
        throw new Error("written one by one");
      await ctx.db.enrollment.createMany({
        data: data.map((d) => ({
          organizationId: ctx.actor.orgId,
          classId: d.classId as string,
          studentId: d.studentId as string,
        })),
        skipDuplicates: true,
      });
    },
  );

  await each(
    "parentLinks",
    plan.parentLinks,
    async (op: LinkOp) => {
      const parent = userId(op.a as UserRef);
      const student = userId(op.b);
      if (!parent || !student) throw new Error("the parent or the student could not be written");
      await ctx.db.parentStudentLink.createMany({
        data: [{ organizationId: ctx.actor.orgId, parentId: parent, studentId: student }],
        skipDuplicates: true,
      });
    },
    async (ops) => {
      const data = ops.map((op) => ({ parentId: userId(op.a as UserRef), studentId: userId(op.b) }));
      if (data.some((d) => !d.parentId || !d.studentId)) throw new Error("written one by one");
      await ctx.db.parentStudentLink.createMany({
        data: data.map((d) => ({
          organizationId: ctx.actor.orgId,
          parentId: d.parentId as string,
          studentId: d.studentId as string,
        })),
        skipDuplicates: true,
      });
    },
  );

  if (total === 0) await onProgress(0, 0);
  return { summary, problems, createdUserIds };
}

function failure(error: unknown): string {
  if (isPrismaError(error, "P2002")) return "Not written: another row already holds this email or sourcedId";
  return `Not written: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Counts the users just created in the `users_created` rollup (as rollUpUserCreated does for one:
 * each on their creation day), in one statement for a batch, then invalidates the metrics once.
 * Never throws: a failed count is logged, and a rebuild repairs it.
 */
async function rollUpUsersCreated(ctx: ServiceContext, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  try {
    await ctx.db.$executeRaw(Prisma.sql`
      INSERT INTO "MetricDaily" AS m ("organizationId", "metric", "day", "value", "updatedAt")
      SELECT "organizationId", 'users_created', "createdAt"::date, count(*)::float8, now() FROM "User"
      WHERE "id" IN (${Prisma.join(userIds)}) AND "organizationId" = ${ctx.actor.orgId}
      GROUP BY "organizationId", "createdAt"::date
      ON CONFLICT ("organizationId", "metric", "day") DO UPDATE SET "value" = m."value" + EXCLUDED."value", "updatedAt" = now()`);
  } catch (error) {
    rollupFailed(error, ctx.actor.orgId, "users_created");
  }
  await metricsChanged(ctx, { userIds });
}
