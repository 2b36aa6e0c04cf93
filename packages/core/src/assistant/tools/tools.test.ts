// The tools do what their user could, and nothing more: a teacher's tools see the teacher's own
// classes, drafting queues a real generation task, a student's tools see the student's own work.
// On a real database, with the world's agents runtime (offline model, in-process queue).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, createDomainWorld, type DomainWorld, domainErrorOf } from "../../testing";
import { runTool } from "./registry";
import { classWithLesson } from "./test-fixtures";
import type { ToolContext } from "./types";

let w: DomainWorld;
let teacher: Actor;
let colleague: Actor;
let student: Actor;
let otherStudent: Actor;
let own: Awaited<ReturnType<typeof classWithLesson>>;
let theirs: Awaited<ReturnType<typeof classWithLesson>>;

beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
  colleague = await w.newActor("a", "TEACHER", "Colleague A");
  student = await w.actor("a", "STUDENT");
  otherStudent = await w.newActor("a", "STUDENT", "Other Student");
  own = await classWithLesson(w, teacher, {
    className: "Period 3 Biology",
    gradeLevel: "7",
    lessonTitle: "Photosynthesis basics",
    students: [student],
  });
  theirs = await classWithLesson(w, colleague, {
    className: "Period 5 Chemistry",
    gradeLevel: "10",
    lessonTitle: "Photosynthesis in depth",
    students: [otherStudent],
  });
});
afterAll(async () => {
  await w?.t.close();
});

const chat = { via: "chat" } as const;
const withAgents = (actor: Actor): ToolContext => ({ ...w.svc(actor), agents: w.agents });

describe("teacher tools", () => {
  it("list_my_classes lists the teacher's own classes only", async () => {
    const { output, card } = await runTool(w.svc(teacher), "list_my_classes", {}, chat);
    expect(output).toEqual({
      classes: [
        {
          id: own.cls.id,
          name: "Period 3 Biology",
          subject: "Science",
          gradeLevel: "7",
          students: 1,
          href: `/teacher/classes/${own.cls.id}`,
        },
      ],
    });
    expect(card).toMatchObject({ label: "Your classes", title: "1 class" });
  });

  it("class_summary of another teacher's class is refused as not found", async () => {
    const error = await domainErrorOf(runTool(w.svc(teacher), "class_summary", { classId: theirs.cls.id }, chat));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("class_summary of the teacher's own class counts its students and assignments", async () => {
    const { output, card } = await runTool(w.svc(teacher), "class_summary", { classId: own.cls.id }, chat);
    expect(output).toMatchObject({
      students: 1,
      assignments: 1,
      recentResults: { days: 30, submissions: 0, averageScore: null },
    });
    expect(card).toMatchObject({ title: "Period 3 Biology", href: `/teacher/classes/${own.cls.id}` });
  });

  it("student_progress finds a student in the teacher's own classes and not in another teacher's", async () => {
    const { output } = await runTool(w.svc(teacher), "student_progress", { studentId: student.userId }, chat);
    expect(output).toMatchObject({
      student: { id: student.userId },
      classes: [
        {
          classId: own.cls.id,
          items: [{ title: "Photosynthesis basics", status: "NOT_STARTED" }],
          href: `/teacher/classes/${own.cls.id}/students/${student.userId}`,
        },
      ],
    });
    const error = await domainErrorOf(
      runTool(w.svc(teacher), "student_progress", { studentId: otherStudent.userId }, chat),
    );
    expect(error.code).toBe("NOT_FOUND");
  });

  it("gradebook_summary of the teacher's class lists its students and assignments", async () => {
    const { output, card } = await runTool(w.svc(teacher), "gradebook_summary", { classId: own.cls.id }, chat);
    expect(output).toMatchObject({
      class: { id: own.cls.id, name: "Period 3 Biology" },
      assignments: [{ title: "Photosynthesis basics", type: "LESSON" }],
      students: [{ id: student.userId, quizAverage: null }],
      classQuizAverage: null,
    });
    expect(card.href).toBe(`/teacher/classes/${own.cls.id}/gradebook`);
  });

  it("search_content and open_content find the teacher's lesson and read its text", async () => {
    const found = await runTool(w.svc(teacher), "search_content", { query: "photosynthesis", type: "LESSON" }, chat);
    const items = (found.output as { items: { id: string }[] }).items.map((i) => i.id);
    // The colleague's lesson is published, so the teacher finds it too, as in the library.
    expect(items.sort()).toEqual([own.lesson.id, theirs.lesson.id].sort());
    const { output } = await runTool(w.svc(teacher), "open_content", { contentId: own.lesson.id }, chat);
    expect(output).toMatchObject({
      title: "Photosynthesis basics",
      type: "LESSON",
      status: "PUBLISHED",
      text: expect.stringContaining("All about Photosynthesis basics."),
      href: `/teacher/content/${own.lesson.id}`,
    });
  });

  it("draft_lesson queues a generation task and its card links to the task's page", async () => {
    const { output, card } = await runTool(withAgents(teacher), "draft_lesson", { topic: "Photosynthesis" }, chat);
    const { taskId } = output as { taskId: string };
    const task = await w.t.db.agentTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.createdById).toBe(teacher.userId);
    expect(["QUEUED", "PROCESSING", "COMPLETED"]).toContain(task.status);
    // Without a grade level the teacher's class's is used.
    expect(task.request).toMatchObject({
      topic: "Photosynthesis",
      gradeLevel: "7",
      subject: "Science",
      parts: ["lesson"],
    });
    expect(card).toEqual({
      label: "Drafted lesson",
      title: "Photosynthesis",
      href: `/teacher/tasks/${taskId}`,
      detail: expect.stringContaining("The agents are writing it now"),
    });
  });

  it("drafting without the agents' runtime is refused with a clear message", async () => {
    const error = await domainErrorOf(runTool(w.svc(teacher), "draft_quiz", { topic: "Photosynthesis" }, chat));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/agents/);
  });

  it("task_status of another teacher's task is refused as not found", async () => {
    const { output } = await runTool(withAgents(colleague), "draft_quiz", { topic: "Acids and bases" }, chat);
    const error = await domainErrorOf(
      runTool(w.svc(teacher), "task_status", { taskId: (output as { taskId: string }).taskId }, chat),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("student tools", () => {
  it("my_assignments lists only the student's own assignments", async () => {
    const { output } = await runTool(w.svc(student), "my_assignments", {}, chat);
    expect(output).toEqual({
      assignments: [
        expect.objectContaining({
          id: own.assignment.id,
          title: "Photosynthesis basics",
          className: "Period 3 Biology",
          href: `/student/assignments/${own.assignment.id}`,
        }),
      ],
    });
  });

  it("explain_concept gives the grade level of the student's class and its matching lessons", async () => {
    const { output } = await runTool(w.svc(student), "explain_concept", { concept: "photosynthesis" }, chat);
    expect(output).toEqual({
      concept: "photosynthesis",
      gradeLevel: "7",
      // The colleague's lesson matches too, but it is not assigned in this student's classes.
      related: [
        {
          assignmentId: own.assignment.id,
          title: "Photosynthesis basics",
          type: "LESSON",
          className: "Period 3 Biology",
          href: `/student/assignments/${own.assignment.id}`,
        },
      ],
    });
  });

  it("explain_concept in a class the student is not in is refused as not found", async () => {
    const error = await domainErrorOf(
      runTool(w.svc(student), "explain_concept", { concept: "photosynthesis", classId: theirs.cls.id }, chat),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});
