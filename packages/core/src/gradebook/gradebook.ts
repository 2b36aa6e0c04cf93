// The gradebook: students x assignments of one class, and a parent's view of a linked child.
import { dueDateFor } from "../assignments/assignments";
import type { ServiceContext } from "../context";
import { type CsvCell, toCsv } from "../csv";
import { notFound } from "../errors";

export type CellStatus = "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED" | "COMPLETED";

export interface GradebookCell {
  status: CellStatus;
  /** Best submitted score in percent (quizzes), or completion percent (lessons, activities). */
  percent: number | null;
  attempts: number;
  /** The attempt the cell opens: the best submitted one, else the latest (null: none). */
  attemptId: string | null;
  /** The student's own due date when their teacher extended it (null: the assignment's holds). */
  extendedDueAt: Date | null;
}

function mean(values: number[]): number | null {
  return values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 10) / 10 : null;
}

const pct = (score: number, max: number) => (max > 0 ? Math.round((score / max) * 1000) / 10 : 0);

/** Rows of progress for a set of students over a set of assignments. */
async function progressFor(ctx: ServiceContext, assignmentIds: string[], studentIds: string[]) {
  const [attempts, lessons] = await Promise.all([
    ctx.db.attempt.findMany({
      where: { assignmentId: { in: assignmentIds }, studentId: { in: studentIds } },
      select: {
        id: true,
        number: true,
        assignmentId: true,
        studentId: true,
        status: true,
        score: true,
        maxScore: true,
      },
    }),
    ctx.db.lessonProgress.findMany({
      where: { assignmentId: { in: assignmentIds }, studentId: { in: studentIds } },
      select: { assignmentId: true, studentId: true, completedSections: true, completedAt: true },
    }),
  ]);
  return { attempts, lessons };
}

/** A student's own due date, when the assignment has one for them. */
function extensionFor(dueExtensions: unknown, studentId: string): Date | null {
  const own = (dueExtensions as Record<string, unknown> | null)?.[studentId];
  return typeof own === "string" ? new Date(own) : null;
}

function cellFor(
  assignment: { id: string; type: string; totalSections: number; dueExtensions?: unknown },
  studentId: string,
  data: Awaited<ReturnType<typeof progressFor>>,
): GradebookCell {
  const extendedDueAt = extensionFor(assignment.dueExtensions, studentId);
  if (assignment.type === "QUIZ") {
    const mine = data.attempts
      .filter((a) => a.assignmentId === assignment.id && a.studentId === studentId)
      .sort((x, y) => x.number - y.number);
    const submitted = mine.filter((a) => a.status === "SUBMITTED" && a.maxScore !== null);
    const bestAttempt = submitted.reduce<(typeof submitted)[number] | null>(
      (b, a) => (!b || pct(a.score ?? 0, a.maxScore ?? 0) > pct(b.score ?? 0, b.maxScore ?? 0) ? a : b),
      null,
    );
    return {
      status: submitted.length ? "SUBMITTED" : mine.length ? "IN_PROGRESS" : "NOT_STARTED",
      percent: bestAttempt ? pct(bestAttempt.score ?? 0, bestAttempt.maxScore ?? 0) : null,
      attempts: mine.length,
      attemptId: bestAttempt?.id ?? mine.at(-1)?.id ?? null,
      extendedDueAt,
    };
  }
  const p = data.lessons.find((l) => l.assignmentId === assignment.id && l.studentId === studentId);
  if (!p) return { status: "NOT_STARTED", percent: null, attempts: 0, attemptId: null, extendedDueAt };
  return {
    status: p.completedAt ? "COMPLETED" : "IN_PROGRESS",
    percent: assignment.totalSections ? pct(p.completedSections.length, assignment.totalSections) : null,
    attempts: 0,
    attemptId: null,
    extendedDueAt,
  };
}

function sectionCount(type: string, body: unknown): number {
  const b = body as { sections?: unknown[]; steps?: unknown[] } | null;
  return (type === "LESSON" ? b?.sections?.length : type === "ACTIVITY" ? b?.steps?.length : 0) ?? 0;
}

export async function classGradebook(ctx: ServiceContext, input: { classId: string }) {
  const cls = await ctx.db.class.findFirst({
    where: ctx.actor.role === "ADMIN" ? { id: input.classId } : { id: input.classId, teacherId: ctx.actor.userId },
    select: {
      id: true,
      name: true,
      enrollments: { select: { student: { select: { id: true, name: true, email: true } } } },
      assignments: {
        select: {
          id: true,
          dueAt: true,
          dueExtensions: true,
          content: { select: { title: true, type: true, body: true } },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!cls) throw notFound("Class");
  const students = cls.enrollments.map((e) => e.student).sort((a, b) => a.name.localeCompare(b.name));
  const withExtensions = cls.assignments.map((a) => ({
    id: a.id,
    title: a.content.title,
    type: a.content.type,
    dueAt: a.dueAt,
    totalSections: sectionCount(a.content.type, a.content.body),
    dueExtensions: a.dueExtensions,
  }));
  // Extensions are per student: they reach the client only in that student's cells.
  const assignments = withExtensions.map(({ dueExtensions: _, ...a }) => a);
  const data = await progressFor(
    ctx,
    assignments.map((a) => a.id),
    students.map((s) => s.id),
  );
  const rows = students.map((s) => {
    const cells = withExtensions.map((a) => cellFor(a, s.id, data));
    const quizScores = cells.filter((c, i) => assignments[i]?.type === "QUIZ" && c.percent !== null);
    return { student: s, cells, average: mean(quizScores.map((c) => c.percent as number)) };
  });
  const assignmentAverages = assignments.map((a, i) =>
    a.type === "QUIZ"
      ? mean(
          rows.flatMap((r) =>
            r.cells[i]?.percent !== null && r.cells[i]?.status === "SUBMITTED" ? [r.cells[i]?.percent as number] : [],
          ),
        )
      : mean(
          rows.flatMap((r) =>
            r.cells[i]?.status === "COMPLETED" ? [100] : r.cells[i] ? [r.cells[i]?.percent ?? 0] : [],
          ),
        ),
  );
  return { class: { id: cls.id, name: cls.name }, assignments, rows, assignmentAverages };
}

const CELL_TEXT: Record<CellStatus, string> = {
  NOT_STARTED: "",
  IN_PROGRESS: "In progress",
  SUBMITTED: "",
  COMPLETED: "Completed",
};

/**
 * The gradebook as CSV (`toCsv`: RFC 4180, names and titles neutralized against formula
 * injection): one row per student, one column per assignment.
 */
export async function classGradebookCsv(ctx: ServiceContext, input: { classId: string }) {
  const book = await classGradebook(ctx, input);
  const header: CsvCell[] = [
    "Student",
    "Email",
    ...book.assignments.map((a) => `${a.title} (${a.type.toLowerCase()})`),
    "Quiz average %",
  ];
  const lines = book.rows.map((r): CsvCell[] => [
    r.student.name,
    r.student.email,
    ...r.cells.map((c) => (c.status === "SUBMITTED" && c.percent !== null ? c.percent : CELL_TEXT[c.status])),
    r.average,
  ]);
  const averages: CsvCell[] = ["Class average", "", ...book.assignmentAverages, ""];
  const slug =
    book.class.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "class";
  return { filename: `gradebook-${slug}.csv`, csv: toCsv([header, ...lines, averages]) };
}

/** One student in one class, for the teacher: every assignment with its status and each attempt. */
export async function studentInClass(ctx: ServiceContext, input: { classId: string; studentId: string }) {
  const book = await classGradebook(ctx, { classId: input.classId });
  const row = book.rows.find((r) => r.student.id === input.studentId);
  if (!row) throw notFound("Student in this class");
  const attempts = await ctx.db.attempt.findMany({
    where: { studentId: input.studentId, assignmentId: { in: book.assignments.map((a) => a.id) } },
    select: {
      id: true,
      assignmentId: true,
      number: true,
      status: true,
      score: true,
      maxScore: true,
      submittedAt: true,
    },
    orderBy: [{ assignmentId: "asc" }, { number: "asc" }],
  });
  return {
    class: book.class,
    student: row.student,
    average: row.average,
    items: book.assignments.map((a, i) => ({
      ...a,
      cell: row.cells[i] as GradebookCell,
      attempts: attempts.filter((t) => t.assignmentId === a.id),
    })),
  };
}

/** A parent's read-only view: each linked child's assignments, scores and progress. */
export async function childrenProgress(ctx: ServiceContext) {
  const links = await ctx.db.parentStudentLink.findMany({
    where: { parentId: ctx.actor.userId },
    select: { student: { select: { id: true, name: true } } },
  });
  return Promise.all(
    links.map(async ({ student }) => {
      const assignments = await ctx.db.assignment.findMany({
        where: {
          class: { archivedAt: null, enrollments: { some: { studentId: student.id } } },
          content: { deletedAt: null },
        },
        select: {
          id: true,
          dueAt: true,
          dueExtensions: true,
          class: { select: { name: true } },
          content: { select: { title: true, type: true, body: true } },
        },
        orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
      });
      const shaped = assignments.map((a) => ({
        id: a.id,
        type: a.content.type,
        totalSections: sectionCount(a.content.type, a.content.body),
      }));
      const data = await progressFor(
        ctx,
        shaped.map((a) => a.id),
        [student.id],
      );
      const items = assignments.map((a, i) => ({
        id: a.id,
        title: a.content.title,
        type: a.content.type,
        className: a.class.name,
        // The child's own due date when their teacher extended it.
        dueAt: dueDateFor(a, student.id),
        ...cellFor(shaped[i] as (typeof shaped)[number], student.id, data),
      }));
      const quiz = items.filter((x) => x.type === "QUIZ" && x.status === "SUBMITTED" && x.percent !== null);
      return {
        child: student,
        items,
        quizAverage: mean(quiz.map((x) => x.percent as number)),
        completed: items.filter((x) => x.status === "SUBMITTED" || x.status === "COMPLETED").length,
      };
    }),
  );
}
