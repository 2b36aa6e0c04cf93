// What students read and answer, and what teachers review: lessons as read, quiz attempts (the
// player, the result), a student's attempts and grades, and an attempt under review. The inputs
// that change them are in ./assignments.ts.
import { z } from "zod";
import { assignmentStateSchema } from "./assignments";
import { isoDate } from "./common";
import { contentTypeSchema } from "./content";
import { EXAMPLE_IDS as ids } from "./examples";
import { questionResponseSchema } from "./questions";

const questionOptionViewSchema = z.object({ id: z.string(), text: z.string() });

/** A stored answer as it reads back: one of the response shapes, or null (none, or not a valid one). */
const storedResponseSchema = questionResponseSchema.nullable().catch(null);

/** A lesson or activity as its student reads it, with the sections they completed. */
export const lessonViewSchema = z
  .object({
    assignmentId: z.string(),
    className: z.string(),
    dueAt: isoDate().nullable(),
    content: z.object({
      id: z.string(),
      type: contentTypeSchema,
      title: z.string(),
      description: z.string(),
      /** The lesson's sections or the activity's steps (see LESSON and ACTIVITY bodies). */
      body: z.unknown(),
    }),
    completedSections: z.array(z.string()),
    completedAt: isoDate().nullable(),
    totalSections: z.number().int(),
  })
  .meta({
    id: "LessonView",
    examples: [
      {
        assignmentId: ids.assignment,
        className: "Period 3 Science",
        dueAt: "2026-12-11T15:00:00.000Z",
        content: {
          id: ids.lesson,
          type: "LESSON",
          title: "Plate tectonics",
          description: "How Earth's plates move and what happens where they meet.",
          body: {
            sections: [
              {
                id: "intro",
                heading: "Earth's moving plates",
                markdown: "The lithosphere is broken into **tectonic plates** that move a few centimetres a year.",
                media: [],
              },
              {
                id: "boundaries",
                heading: "Where plates meet",
                markdown:
                  "- **Divergent**: plates move apart\n- **Convergent**: plates collide\n- **Transform**: plates slide past each other",
                media: [],
              },
            ],
          },
        },
        completedSections: ["intro"],
        completedAt: null,
        totalSections: 2,
      },
    ],
  });

const attemptStatusSchema = z.enum(["IN_PROGRESS", "SUBMITTED"]);

/** A quiz attempt in progress, as its student answers it: never the answer key. */
export const attemptPlayerSchema = z
  .object({
    attemptId: z.string(),
    assignmentId: z.string(),
    title: z.string(),
    instructions: z.string(),
    number: z.number().int(),
    maxAttempts: z.number().int().nullable(),
    dueAt: isoDate().nullable(),
    status: attemptStatusSchema,
    startedAt: isoDate(),
    /** Saved answers by question id. */
    responses: z.record(z.string(), questionResponseSchema),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        prompt: z.string(),
        options: z.array(questionOptionViewSchema),
        points: z.number(),
      }),
    ),
  })
  .meta({
    id: "AttemptPlayer",
    examples: [
      {
        attemptId: ids.attempt,
        assignmentId: ids.assignment,
        title: "Plate tectonics quiz",
        instructions: "Answer every question. You have two attempts.",
        number: 1,
        maxAttempts: 2,
        dueAt: "2026-12-11T15:00:00.000Z",
        status: "IN_PROGRESS",
        startedAt: "2026-12-08T14:05:00.000Z",
        responses: { [ids.question]: { selected: ["b"] } },
        questions: [
          {
            id: ids.question,
            type: "SINGLE_CHOICE",
            prompt: "What kind of plate boundary forms where two plates move apart?",
            options: [
              { id: "a", text: "Convergent" },
              { id: "b", text: "Divergent" },
              { id: "c", text: "Transform" },
            ],
            points: 1,
          },
        ],
      },
    ],
  });

/** A submitted attempt's result as its student sees it; answers only when the teacher shows them. */
export const attemptResultSchema = z
  .object({
    attemptId: z.string(),
    assignmentId: z.string(),
    title: z.string(),
    number: z.number().int(),
    score: z.number(),
    maxScore: z.number(),
    submittedAt: isoDate().nullable(),
    /** The student has not opened this grade yet. */
    newGrade: z.boolean(),
    answersRevealed: z.boolean(),
    feedback: z.string().nullable(),
    returnedAt: isoDate().nullable(),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        prompt: z.string(),
        options: z.array(questionOptionViewSchema),
        response: storedResponseSchema,
        correct: z.boolean(),
        points: z.number(),
        maxPoints: z.number(),
        teacherScored: z.boolean(),
        rubric: z
          .array(z.object({ id: z.string(), label: z.string().nullable(), points: z.number(), awarded: z.number() }))
          .nullable(),
        comment: z.string().nullable(),
        /** The answer key, only when the teacher shows answers (else null). */
        correctAnswer: z.unknown(),
        explanation: z.string().nullable(),
      }),
    ),
  })
  .meta({
    id: "AttemptResult",
    examples: [
      {
        attemptId: ids.attempt,
        assignmentId: ids.assignment,
        title: "Plate tectonics quiz",
        number: 1,
        score: 4,
        maxScore: 5,
        submittedAt: "2026-12-08T14:31:00.000Z",
        newGrade: true,
        answersRevealed: true,
        feedback: null,
        returnedAt: null,
        questions: [
          {
            id: ids.question,
            type: "SINGLE_CHOICE",
            prompt: "What kind of plate boundary forms where two plates move apart?",
            options: [
              { id: "a", text: "Convergent" },
              { id: "b", text: "Divergent" },
              { id: "c", text: "Transform" },
            ],
            response: { selected: ["b"] },
            correct: true,
            points: 1,
            maxPoints: 1,
            teacherScored: false,
            rubric: null,
            comment: null,
            correctAnswer: { correct: ["b"] },
            explanation: "At a divergent boundary new crust forms as the plates separate.",
          },
        ],
      },
    ],
  });

/** An attempt of the student's: the player while in progress, the result once submitted. */
export const attemptViewSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("player"), player: attemptPlayerSchema }),
  z.object({ kind: z.literal("result"), result: attemptResultSchema }),
]);

export const savedResponsesSchema = z.object({ savedAt: isoDate() });

/** A student's attempts at one quiz assignment. */
export const myAttemptsSchema = z.object({
  title: z.string(),
  description: z.string(),
  instructions: z.string(),
  maxAttempts: z.number().int().nullable(),
  dueAt: isoDate().nullable(),
  attempts: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      status: attemptStatusSchema,
      score: z.number().nullable(),
      maxScore: z.number().nullable(),
      startedAt: isoDate(),
      submittedAt: isoDate().nullable(),
      newGrade: z.boolean(),
    }),
  ),
});

/** The student's grades, class by class. */
export const myGradesSchema = z.array(
  z.object({
    classId: z.string(),
    className: z.string(),
    items: z.array(
      z.object({
        assignmentId: z.string(),
        title: z.string(),
        type: z.string(),
        dueAt: isoDate().nullable(),
        state: assignmentStateSchema,
        attempt: z
          .object({
            id: z.string(),
            number: z.number().int(),
            score: z.number(),
            maxScore: z.number(),
            percent: z.number(),
            submittedAt: isoDate().nullable(),
            feedback: z.string().nullable(),
            comments: z.number().int(),
            returnedAt: isoDate().nullable(),
          })
          .nullable(),
        bestPercent: z.number().nullable(),
        returned: z.boolean(),
        newGrade: z.boolean(),
      }),
    ),
    quizAverage: z.number().nullable(),
    returnedCount: z.number().int(),
  }),
);

/** An attempt as its teacher reviews it: each question with the key, the student's answer and the points. */
export const attemptReviewSchema = z
  .object({
    attemptId: z.string(),
    number: z.number().int(),
    status: attemptStatusSchema,
    startedAt: isoDate(),
    submittedAt: isoDate().nullable(),
    score: z.number().nullable(),
    maxScore: z.number().nullable(),
    feedback: z.string().nullable(),
    returnedAt: isoDate().nullable(),
    unseenByStudent: z.boolean(),
    student: z.object({ id: z.string(), name: z.string() }),
    assignment: z.object({
      id: z.string(),
      title: z.string(),
      classId: z.string(),
      className: z.string(),
      dueAt: isoDate().nullable(),
    }),
    attempts: z.array(
      z.object({
        id: z.string(),
        number: z.number().int(),
        status: attemptStatusSchema,
        score: z.number().nullable(),
        maxScore: z.number().nullable(),
      }),
    ),
    questions: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        prompt: z.string(),
        options: z.array(questionOptionViewSchema),
        correctAnswer: z.unknown(),
        explanation: z.string().nullable(),
        rubric: z.array(z.object({ id: z.string(), label: z.string(), points: z.number() })).nullable(),
        response: storedResponseSchema,
        graded: z.boolean(),
        correct: z.boolean(),
        points: z.number().nullable(),
        maxPoints: z.number(),
        autoPoints: z.number().nullable(),
        overrideReason: z.string().nullable(),
        rubricScores: z.record(z.string(), z.number()).nullable(),
        comment: z.string().nullable(),
        gradedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
        gradedAt: isoDate().nullable(),
      }),
    ),
  })
  .meta({
    id: "AttemptReview",
    examples: [
      {
        attemptId: ids.attempt,
        number: 1,
        status: "SUBMITTED",
        startedAt: "2026-12-08T14:05:00.000Z",
        submittedAt: "2026-12-08T14:31:00.000Z",
        score: 4,
        maxScore: 5,
        feedback: null,
        returnedAt: null,
        unseenByStudent: false,
        student: { id: ids.student, name: "Maya Lopez" },
        assignment: {
          id: ids.assignment,
          title: "Plate tectonics quiz",
          classId: ids.class,
          className: "Period 3 Science",
          dueAt: "2026-12-11T15:00:00.000Z",
        },
        attempts: [{ id: ids.attempt, number: 1, status: "SUBMITTED", score: 4, maxScore: 5 }],
        questions: [
          {
            id: ids.question,
            type: "SINGLE_CHOICE",
            prompt: "What kind of plate boundary forms where two plates move apart?",
            options: [
              { id: "a", text: "Convergent" },
              { id: "b", text: "Divergent" },
              { id: "c", text: "Transform" },
            ],
            correctAnswer: { correct: ["b"] },
            explanation: "At a divergent boundary new crust forms as the plates separate.",
            rubric: null,
            response: { selected: ["b"] },
            graded: true,
            correct: true,
            points: 1,
            maxPoints: 1,
            autoPoints: 1,
            overrideReason: null,
            rubricScores: null,
            comment: null,
            gradedBy: null,
            gradedAt: null,
          },
        ],
      },
    ],
  });
