// Fixtures for the tools' tests: a teacher's class with a student in it and a published lesson
// assigned to it, made through the services as the teacher would.
import { type ClassInput, createAssignmentSchema, createContentSchema } from "@toolboxai/validators";
import { createAssignment } from "../../assignments/assignments";
import { addStudent, createClass } from "../../classes/classes";
import { createContent } from "../../content/content";
import { publishContent } from "../../content/content-state";
import type { Actor, DomainWorld } from "../../testing";

export async function classWithLesson(
  w: DomainWorld,
  teacher: Actor,
  opts: { className: string; gradeLevel: ClassInput["gradeLevel"]; lessonTitle: string; students: Actor[] },
) {
  const t = w.svc(teacher);
  const cls = await createClass(t, { name: opts.className, subject: "Science", gradeLevel: opts.gradeLevel });
  for (const s of opts.students) await addStudent(t, { classId: cls.id, studentId: s.userId });
  const lesson = await createContent(
    t,
    createContentSchema.parse({
      type: "LESSON",
      title: opts.lessonTitle,
      subject: "Science",
      gradeLevel: opts.gradeLevel,
      body: { sections: [{ id: "s1", heading: "Start", markdown: `All about ${opts.lessonTitle}.`, media: [] }] },
    }),
  );
  await publishContent(t, { contentId: lesson.id });
  const assignment = await createAssignment(t, createAssignmentSchema.parse({ classId: cls.id, contentId: lesson.id }));
  return { cls, lesson, assignment };
}
