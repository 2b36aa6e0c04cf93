// One class's results for its teacher (or an admin): completion per assignment, the distribution
// of quiz scores, results by question and by standard, and daily submissions with their mean.
// Completion is the state now; everything about attempts counts the quizzes submitted in the
// range by students enrolled now, every attempt (not only the best).
import type { ClassAnalytics, ClassAnalyticsInput } from "@toolboxai/validators";
import type { ServiceContext } from "../context";
import { addDays, dayKey, rangeDays } from "../days";
import { forbidden, notFound } from "../errors";
import { questionStandards, standardsOfRequest } from "./standards";

const round1 = (n: number) => Math.round(n * 10) / 10;
const percent = (part: number, whole: number) => (whole > 0 ? round1((100 * part) / whole) : 0);
const rate = (part: number, whole: number) => (whole > 0 ? round1((100 * part) / whole) : null);

async function classFor(ctx: ServiceContext, classId: string) {
  const { role, userId } = ctx.actor;
  if (role !== "ADMIN" && role !== "TEACHER") throw forbidden("Class analytics are for teachers and admins.");
  // Another teacher's class reads as missing, like every other class route.
  const cls = await ctx.db.class.findFirst({
    where: role === "ADMIN" ? { id: classId } : { id: classId, teacherId: userId },
    select: {
      id: true,
      name: true,
      enrollments: { select: { studentId: true } },
      assignments: {
        select: {
          id: true,
          dueAt: true,
          content: { select: { id: true, title: true, type: true, agentTask: { select: { request: true } } } },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!cls) throw notFound("Class");
  return cls;
}

type ClassRow = Awaited<ReturnType<typeof classFor>>;

async function completionOf(ctx: ServiceContext, cls: ClassRow, studentIds: string[]) {
  const ids = cls.assignments.map((a) => a.id);
  const [attempts, lessons] = await Promise.all([
    ctx.db.attempt.groupBy({
      by: ["assignmentId", "studentId", "status"],
      where: { assignmentId: { in: ids }, studentId: { in: studentIds } },
    }),
    ctx.db.lessonProgress.findMany({
      where: { assignmentId: { in: ids }, studentId: { in: studentIds } },
      select: { assignmentId: true, completedAt: true },
    }),
  ]);
  return cls.assignments.map((a) => {
    let completed = 0;
    let started = 0;
    if (a.content.type === "QUIZ") {
      const submitted = new Set<string>();
      const any = new Set<string>();
      for (const t of attempts) {
        if (t.assignmentId !== a.id) continue;
        any.add(t.studentId);
        if (t.status === "SUBMITTED") submitted.add(t.studentId);
      }
      completed = submitted.size;
      started = any.size - submitted.size;
    } else {
      for (const p of lessons) {
        if (p.assignmentId !== a.id) continue;
        if (p.completedAt) completed += 1;
        else started += 1;
      }
    }
    return {
      assignment_id: a.id,
      title: a.content.title,
      type: a.content.type,
      due_at: a.dueAt,
      completed,
      in_progress: started,
      not_started: studentIds.length - completed - started,
      completion_rate: percent(completed, studentIds.length),
    };
  });
}

function scoreDistribution(scores: number[]) {
  const counts = new Array<number>(10).fill(0);
  for (const s of scores) {
    const i = Math.min(9, Math.max(0, Math.floor(s / 10)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts.map((count, i) => ({
    bucket: i === 9 ? "90-100%" : `${i * 10}-${i * 10 + 9}%`,
    min: i * 10,
    max: i === 9 ? 100 : i * 10 + 9,
    count,
  }));
}

interface Submitted {
  id: string;
  assignmentId: string;
  score: number | null;
  maxScore: number | null;
  submittedAt: Date | null;
}

interface Answer {
  attemptId: string;
  correct: boolean;
  question: { id: string; prompt: string; type: string; tags: string[] };
}

/** Per question answered: answers, correct ones, and its standards; hardest first. */
function questionResults(answers: Answer[], attempts: Submitted[], quizzes: ClassRow["assignments"]) {
  const requestStandards = new Map(quizzes.map((a) => [a.id, standardsOfRequest(a.content.agentTask?.request)]));
  const assignmentOf = new Map(attempts.map((t) => [t.id, t.assignmentId]));
  const byQuestion = new Map<
    string,
    { q: Answer["question"]; answers: number; correct: number; generatedWith: Set<string> }
  >();
  for (const a of answers) {
    const row = byQuestion.get(a.question.id) ?? { q: a.question, answers: 0, correct: 0, generatedWith: new Set() };
    row.answers += 1;
    if (a.correct) row.correct += 1;
    for (const code of requestStandards.get(assignmentOf.get(a.attemptId) ?? "") ?? []) row.generatedWith.add(code);
    byQuestion.set(a.question.id, row);
  }
  return [...byQuestion.values()]
    .map((r) => ({
      question_id: r.q.id,
      prompt: r.q.prompt,
      type: r.q.type,
      answers: r.answers,
      correct: r.correct,
      correct_rate: rate(r.correct, r.answers),
      standards: questionStandards(r.q.tags, r.generatedWith),
    }))
    .sort(
      (x, y) =>
        (x.correct_rate ?? 0) - (y.correct_rate ?? 0) || y.answers - x.answers || x.prompt.localeCompare(y.prompt),
    );
}

/** Per standard: its questions together. */
function standardResults(questions: ReturnType<typeof questionResults>) {
  const byStandard = new Map<string, { questions: number; answers: number; correct: number }>();
  for (const q of questions) {
    for (const code of q.standards) {
      const s = byStandard.get(code) ?? { questions: 0, answers: 0, correct: 0 };
      s.questions += 1;
      s.answers += q.answers;
      s.correct += q.correct;
      byStandard.set(code, s);
    }
  }
  return [...byStandard.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([standard, s]) => ({
      standard,
      questions: s.questions,
      answers: s.answers,
      correct_rate: rate(s.correct, s.answers),
    }));
}

/** Per day: the quizzes submitted and their mean score in percent (null: none with a maximum). */
function dailyResults(days: Date[], attempts: Submitted[]) {
  const submissions = new Map<string, number>();
  const scores = new Map<string, number[]>();
  for (const t of attempts) {
    if (!t.submittedAt) continue;
    const day = dayKey(t.submittedAt);
    submissions.set(day, (submissions.get(day) ?? 0) + 1);
    const score = percentOf(t);
    if (score !== null) scores.set(day, [...(scores.get(day) ?? []), score]);
  }
  return days.map((d) => {
    const day = dayKey(d);
    const values = scores.get(day) ?? [];
    return {
      date: day,
      submissions: submissions.get(day) ?? 0,
      average_score: values.length ? round1(values.reduce((s, v) => s + v, 0) / values.length) : null,
    };
  });
}

/** An attempt's score in percent of its maximum (null: no maximum). */
const percentOf = (t: Submitted) => (t.maxScore && t.maxScore > 0 ? (100 * (t.score ?? 0)) / t.maxScore : null);

/** `GET /classes/{classId}/analytics`: the class's teacher or an admin. */
export async function getClassAnalytics(
  ctx: ServiceContext,
  input: ClassAnalyticsInput,
  opts: { now?: Date } = {},
): Promise<ClassAnalytics> {
  const now = opts.now ?? new Date();
  const cls = await classFor(ctx, input.classId);
  const studentIds = cls.enrollments.map((e) => e.studentId);
  const days = rangeDays(now, input.date_range);
  const from = days[0] ?? now;
  const end = addDays(days.at(-1) ?? now, 1);
  const quizzes = cls.assignments.filter((a) => a.content.type === "QUIZ");
  const [completion, attempts] = await Promise.all([
    completionOf(ctx, cls, studentIds),
    ctx.db.attempt.findMany({
      where: {
        assignmentId: { in: quizzes.map((a) => a.id) },
        studentId: { in: studentIds },
        status: "SUBMITTED",
        submittedAt: { gte: from, lt: end },
      },
      select: { id: true, assignmentId: true, score: true, maxScore: true, submittedAt: true },
    }),
  ]);
  const answers = await ctx.db.attemptAnswer.findMany({
    where: { attemptId: { in: attempts.map((t) => t.id) } },
    select: {
      attemptId: true,
      correct: true,
      question: { select: { id: true, prompt: true, type: true, tags: true } },
    },
  });
  const questions = questionResults(answers, attempts, quizzes);
  return {
    class: { id: cls.id, name: cls.name, students: studentIds.length },
    date_range: input.date_range,
    generated_at: now,
    completion,
    score_distribution: scoreDistribution(attempts.flatMap((t) => percentOf(t) ?? [])),
    by_question: questions.map(({ correct: _, ...q }) => q),
    by_standard: standardResults(questions),
    trends: dailyResults(days, attempts),
  };
}
