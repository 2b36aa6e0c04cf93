// The student's tools (the tutor's): their own assignments, their own results, and what to explain
// a concept with. Each reads through the student services, which only ever return the acting
// student's classes, assignments and attempts; nothing here reads an answer key.
import {
  explainConceptToolInputSchema,
  explainConceptToolOutputSchema,
  myAssignmentsToolOutputSchema,
  myResultsToolOutputSchema,
  noToolInputSchema,
} from "@toolboxai/validators";
import { listMyAssignments, listMyGrades } from "../../assignments/student";
import { listClasses } from "../../classes/classes";
import { notFound } from "../../errors";
import { defineTool, isoOrNull, STUDENT_ROLES } from "./types";

const assignmentHref = (id: string) => `/student/assignments/${id}`;

export const myAssignments = defineTool({
  name: "my_assignments",
  title: "My assignments",
  description:
    "Lists the student's own assignments in their classes, with due dates, whether each is done, and the best quiz score. Use it when the student asks what they have to do or what is due.",
  roles: STUDENT_ROLES,
  scopes: ["assignments:read"],
  input: noToolInputSchema,
  output: myAssignmentsToolOutputSchema,
  async run(ctx) {
    const list = await listMyAssignments(ctx);
    return {
      assignments: list.map((a) => ({
        id: a.id,
        title: a.title,
        type: a.type,
        className: a.className,
        dueAt: isoOrNull(a.dueAt),
        state: a.state,
        overdue: a.overdue,
        bestPercent: a.bestScore ? Math.round((a.bestScore.score / (a.bestScore.maxScore || 1)) * 1000) / 10 : null,
        href: assignmentHref(a.id),
      })),
    };
  },
  card: (_input, output) => {
    const open = output.assignments.filter((a) => a.state !== "COMPLETED");
    const overdue = open.filter((a) => a.overdue).length;
    return {
      label: "Your assignments",
      title: `${open.length} to do`,
      href: "/student",
      detail: overdue > 0 ? `${overdue} overdue` : null,
    };
  },
});

export const myResults = defineTool({
  name: "my_results",
  title: "My results",
  description:
    "The student's own results, class by class: each assignment's state, best quiz score and the teacher's feedback, and the quiz average. Use it when the student asks how they are doing.",
  roles: STUDENT_ROLES,
  scopes: ["assignments:read"],
  input: noToolInputSchema,
  output: myResultsToolOutputSchema,
  async run(ctx) {
    const classes = await listMyGrades(ctx);
    return {
      classes: classes.map((c) => ({
        classId: c.classId,
        className: c.className,
        quizAverage: c.quizAverage,
        items: c.items.map((i) => ({
          assignmentId: i.assignmentId,
          title: i.title,
          type: i.type,
          state: i.state,
          bestPercent: i.bestPercent,
          feedback: i.attempt?.feedback ?? null,
        })),
      })),
      href: "/student/grades",
    };
  },
  card: (_input, output) => ({
    label: "Your results",
    title: `${output.classes.length} ${output.classes.length === 1 ? "class" : "classes"}`,
    href: output.href,
    detail:
      output.classes
        .filter((c) => c.quizAverage !== null)
        .map((c) => `${c.className}: ${c.quizAverage}%`)
        .join("; ") || null,
  }),
});

/** The words of a concept worth matching titles on ("the water cycle" -> water, cycle). */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
}
const STOP_WORDS = new Set(["the", "and", "for", "with", "what", "how", "why", "does", "are", "about", "from"]);

export const explainConcept = defineTool({
  name: "explain_concept",
  title: "Explain a concept",
  description:
    "Gives what is needed to explain a concept to this student: the grade level to explain at (their class's) and the lessons of their own classes whose titles match, to point back to. Use it when the student asks what something means; then explain it yourself at that grade level, step by step, asking questions rather than giving answers to their assignments.",
  roles: STUDENT_ROLES,
  scopes: ["classes:read", "assignments:read"],
  input: explainConceptToolInputSchema,
  output: explainConceptToolOutputSchema,
  async run(ctx, input) {
    // A student's class list holds only the open classes they are enrolled in.
    const classes = await listClasses(ctx, { includeArchived: false });
    const inClass = input.classId ? classes.find((c) => c.id === input.classId) : undefined;
    if (input.classId && !inClass) throw notFound("Class");
    const counts = new Map<string, number>();
    for (const c of classes) counts.set(c.gradeLevel, (counts.get(c.gradeLevel) ?? 0) + 1);
    const gradeLevel = inClass?.gradeLevel ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    const words = wordsOf(input.concept);
    const assignments = await listMyAssignments(ctx, inClass ? { classId: inClass.id } : {});
    const related = assignments.filter((a) => {
      const title = a.title.toLowerCase();
      return words.some((w) => title.includes(w));
    });
    return {
      concept: input.concept,
      gradeLevel,
      related: related.slice(0, 5).map((a) => ({
        assignmentId: a.id,
        title: a.title,
        type: a.type,
        className: a.className,
        href: assignmentHref(a.id),
      })),
    };
  },
  card: (_input, output) => ({
    label: "Explaining",
    title: output.concept,
    href: output.related[0]?.href ?? null,
    detail: output.related.length ? `See also: ${output.related.map((r) => r.title).join(", ")}` : null,
  }),
});
