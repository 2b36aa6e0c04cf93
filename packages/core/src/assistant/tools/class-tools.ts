// The teacher's tools about classes: their classes, one class at a glance, its gradebook, and one
// student's progress. Each reads through the class services, whose access rules (a teacher their
// own classes, an admin the organization's) decide what is found.
import {
  classSummaryToolOutputSchema,
  classToolInputSchema,
  gradebookSummaryToolOutputSchema,
  myClassesToolOutputSchema,
  noToolInputSchema,
  studentProgressToolInputSchema,
  studentProgressToolOutputSchema,
} from "@toolboxai/validators";
import { getClassAnalytics } from "../../analytics/class-analytics";
import { listClassAssignments } from "../../assignments/assignments";
import { getClass, listClasses } from "../../classes/classes";
import { notFound } from "../../errors";
import { classGradebook, studentInClass } from "../../gradebook/gradebook";
import { defineTool, TEACHING_ROLES, type ToolContext } from "./types";

/** How far back class_summary's recent results reach. */
const RECENT_DAYS = 30;

const classHref = (classId: string) => `/teacher/classes/${classId}`;
const percentText = (n: number | null) => (n === null ? "no results yet" : `average ${n}%`);

export const listMyClasses = defineTool({
  name: "list_my_classes",
  title: "List my classes",
  description:
    "Lists the teacher's open classes (an admin: every open class of the school) with subject, grade level and number of students. Use it to find a class's id or when the teacher asks about their classes.",
  roles: TEACHING_ROLES,
  scopes: ["classes:read"],
  input: noToolInputSchema,
  output: myClassesToolOutputSchema,
  async run(ctx) {
    const classes = await listClasses(ctx, { includeArchived: false });
    return {
      classes: classes.map((c) => ({
        id: c.id,
        name: c.name,
        subject: c.subject,
        gradeLevel: c.gradeLevel,
        students: c.studentCount,
        href: classHref(c.id),
      })),
    };
  },
  card: (_input, output) => ({
    label: "Your classes",
    title: `${output.classes.length} ${output.classes.length === 1 ? "class" : "classes"}`,
    href: "/teacher",
    detail: output.classes.map((c) => c.name).join(", ") || null,
  }),
});

export const classSummary = defineTool({
  name: "class_summary",
  title: "Class summary",
  description: `One class at a glance: how many students and assignments it has, and the quizzes submitted in the last ${RECENT_DAYS} days with their average score. Use it when the teacher asks how a class is doing.`,
  roles: TEACHING_ROLES,
  scopes: ["classes:read", "gradebook:read"],
  input: classToolInputSchema,
  output: classSummaryToolOutputSchema,
  async run(ctx, input) {
    const cls = await getClass(ctx, input.classId);
    const [assignments, analytics] = await Promise.all([
      listClassAssignments(ctx, { classId: cls.id }),
      getClassAnalytics(ctx, { classId: cls.id, date_range: "30d" }),
    ]);
    // The trend's days each carry a mean: weigh them by their submissions for the range's mean.
    let submissions = 0;
    let total = 0;
    for (const day of analytics.trends) {
      if (day.average_score === null) continue;
      submissions += day.submissions;
      total += day.average_score * day.submissions;
    }
    return {
      class: { id: cls.id, name: cls.name, subject: cls.subject, gradeLevel: cls.gradeLevel },
      students: cls.studentCount,
      assignments: assignments.length,
      recentResults: {
        days: RECENT_DAYS,
        submissions,
        averageScore: submissions > 0 ? Math.round((total / submissions) * 10) / 10 : null,
      },
      href: classHref(cls.id),
    };
  },
  card: (_input, output) => ({
    label: "Class summary",
    title: output.class.name,
    href: output.href,
    detail: `${output.students} students, ${output.assignments} assignments, ${percentText(output.recentResults.averageScore)}`,
  }),
});

export const gradebookSummary = defineTool({
  name: "gradebook_summary",
  title: "Gradebook summary",
  description:
    "A class's gradebook in short: each assignment's class average and each student's quiz average. Use it when the teacher asks who is struggling or how an assignment went.",
  roles: TEACHING_ROLES,
  scopes: ["gradebook:read"],
  input: classToolInputSchema,
  output: gradebookSummaryToolOutputSchema,
  async run(ctx, input) {
    const book = await classGradebook(ctx, input);
    const averages = book.rows.flatMap((r) => (r.average === null ? [] : [r.average]));
    return {
      class: book.class,
      assignments: book.assignments.map((a, i) => ({
        id: a.id,
        title: a.title,
        type: a.type,
        average: book.assignmentAverages[i] ?? null,
      })),
      students: book.rows.map((r) => ({ id: r.student.id, name: r.student.name, quizAverage: r.average })),
      classQuizAverage: averages.length
        ? Math.round((averages.reduce((s, v) => s + v, 0) / averages.length) * 10) / 10
        : null,
      href: `${classHref(book.class.id)}/gradebook`,
    };
  },
  card: (_input, output) => ({
    label: "Gradebook",
    title: output.class.name,
    href: output.href,
    detail: `${output.students.length} students, ${output.assignments.length} assignments, quiz ${percentText(output.classQuizAverage)}`,
  }),
});

/**
 * The classes of the actor's (a teacher's own, an admin's all) that the student is enrolled in.
 * Only narrows which classes to ask the gradebook about: each is then read through studentInClass,
 * whose own check decides.
 */
async function classesOfStudent(ctx: ToolContext, studentId: string): Promise<string[]> {
  const visible = await listClasses(ctx, { includeArchived: false });
  const enrolled = await ctx.db.enrollment.findMany({
    where: { studentId, classId: { in: visible.map((c) => c.id) } },
    select: { classId: true },
  });
  const ids = new Set(enrolled.map((e) => e.classId));
  return visible.filter((c) => ids.has(c.id)).map((c) => c.id);
}

export const studentProgress = defineTool({
  name: "student_progress",
  title: "Student progress",
  description:
    "One student's progress: each assignment's status and score, in one class or in every class of the teacher's the student is in. Use it when the teacher asks how a student is doing.",
  roles: TEACHING_ROLES,
  scopes: ["gradebook:read"],
  input: studentProgressToolInputSchema,
  output: studentProgressToolOutputSchema,
  async run(ctx, input) {
    // One class: the gradebook's own refusal (another teacher's class, a student not in it) stands.
    const classIds = input.classId ? [input.classId] : await classesOfStudent(ctx, input.studentId);
    const found = await Promise.all(
      classIds.map((classId) => studentInClass(ctx, { classId, studentId: input.studentId })),
    );
    const first = found[0];
    if (!first) throw notFound("Student in your classes");
    return {
      student: { id: first.student.id, name: first.student.name },
      classes: found.map((p) => ({
        classId: p.class.id,
        className: p.class.name,
        quizAverage: p.average,
        items: p.items.map((i) => ({
          title: i.title,
          type: i.type,
          status: i.cell.status,
          percent: i.cell.percent,
          attempts: i.cell.attempts,
        })),
        href: `${classHref(p.class.id)}/students/${p.student.id}`,
      })),
    };
  },
  card: (_input, output) => ({
    label: "Student progress",
    title: output.student.name,
    href: output.classes[0]?.href ?? null,
    detail: output.classes.map((c) => `${c.className}: quiz ${percentText(c.quizAverage)}`).join("; ") || null,
  }),
});
