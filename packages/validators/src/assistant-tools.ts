// The assistant's tools: what each tool takes and what it answers. The registry
// (packages/core/src/assistant/tools) parses the model's arguments with the inputs and its own
// results with the outputs; the inputs also become the JSON Schema the model (and an MCP client)
// is shown, so they stay plain objects of strings, numbers and enums, optional rather than
// defaulted. Dates in outputs are ISO strings: the output goes to the model as JSON.
import { z } from "zod";
import { generateRequestSchema } from "./agents";
import { gradeLevelSchema, subjectSchema } from "./classes";
import { idSchema } from "./common";
import { contentStatusSchema, contentTypeSchema } from "./content";
import { textSchema } from "./text";

// --- Inputs ----------------------------------------------------------------------------------

export const noToolInputSchema = z.object({});

export const classToolInputSchema = z.object({
  classId: idSchema.describe("The class's id, as list_my_classes gives it"),
});

export const searchContentToolInputSchema = z.object({
  query: textSchema.trim().max(200, "Keep the search under 200 characters").optional().describe("Words to search for"),
  type: contentTypeSchema.optional().describe("Only items of this type"),
});

export const contentToolInputSchema = z.object({
  contentId: idSchema.describe("The content item's id, as search_content gives it"),
});

const topic = generateRequestSchema.shape.topic.describe("What the material is about, in a few words");
const gradeLevel = gradeLevelSchema
  .optional()
  .describe("The grade level; without it, the grade level of the teacher's classes");

export const draftLessonToolInputSchema = z.object({
  topic,
  gradeLevel,
  subject: subjectSchema.optional().describe("The subject; without it, the subject of the teacher's classes"),
});

export const draftQuizToolInputSchema = z.object({
  topic,
  gradeLevel,
  questionCount: z
    .number()
    .int("Use a whole number of questions")
    .min(3, "At least 3 questions")
    .max(20, "At most 20 questions")
    .optional()
    .describe("How many questions (3 to 20; 5 when not given)"),
});

export const draftEnvironmentToolInputSchema = z.object({ topic, gradeLevel });

export const taskToolInputSchema = z.object({
  taskId: idSchema.describe("The generation task's id, as a draft tool gives it"),
});

export const studentProgressToolInputSchema = z.object({
  studentId: idSchema.describe("The student's id, as gradebook_summary gives it"),
  classId: idSchema.optional().describe("Only this class; without it, every class of the teacher's the student is in"),
});

export const explainConceptToolInputSchema = z.object({
  concept: textSchema
    .trim()
    .min(2, "Say which concept to explain")
    .max(200, "Keep the concept under 200 characters")
    .describe("The concept the student asks about"),
  classId: idSchema.optional().describe("The class the student is working in, when known"),
});

// --- Outputs ---------------------------------------------------------------------------------

const href = z.string();
const isoString = z.string();

export const myClassesToolOutputSchema = z.object({
  classes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      subject: z.string(),
      gradeLevel: z.string(),
      students: z.number().int(),
      href,
    }),
  ),
});

export const classSummaryToolOutputSchema = z.object({
  class: z.object({ id: z.string(), name: z.string(), subject: z.string(), gradeLevel: z.string() }),
  students: z.number().int(),
  assignments: z.number().int(),
  /** Quizzes submitted in the last `days` days and their mean score in percent (null: none). */
  recentResults: z.object({
    days: z.number().int(),
    submissions: z.number().int(),
    averageScore: z.number().nullable(),
  }),
  href,
});

export const searchContentToolOutputSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: contentTypeSchema,
      status: contentStatusSchema,
      subject: z.string(),
      gradeLevel: z.string(),
      href,
    }),
  ),
});

export const openContentToolOutputSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: contentTypeSchema,
  status: contentStatusSchema,
  subject: z.string(),
  gradeLevel: z.string(),
  description: z.string(),
  /** The body as plain text, cut to a few thousand characters. */
  text: z.string(),
  href,
});

export const draftToolOutputSchema = z.object({
  taskId: z.string(),
  topic: z.string(),
  subject: z.string(),
  gradeLevel: z.string(),
  status: z.string(),
  href,
});

export const taskStatusToolOutputSchema = z.object({
  taskId: z.string(),
  topic: z.string(),
  status: z.string(),
  progress: z.number(),
  currentStep: z.string().nullable(),
  error: z.string().nullable(),
  /** The content items it made, once it has finished. */
  items: z.array(z.object({ contentId: z.string(), type: z.string(), title: z.string(), href })),
  href,
});

export const gradebookSummaryToolOutputSchema = z.object({
  class: z.object({ id: z.string(), name: z.string() }),
  assignments: z.array(
    z.object({ id: z.string(), title: z.string(), type: z.string(), average: z.number().nullable() }),
  ),
  students: z.array(z.object({ id: z.string(), name: z.string(), quizAverage: z.number().nullable() })),
  /** The mean of the students' quiz averages (null: no quiz submitted). */
  classQuizAverage: z.number().nullable(),
  href,
});

export const studentProgressToolOutputSchema = z.object({
  student: z.object({ id: z.string(), name: z.string() }),
  classes: z.array(
    z.object({
      classId: z.string(),
      className: z.string(),
      quizAverage: z.number().nullable(),
      items: z.array(
        z.object({
          title: z.string(),
          type: z.string(),
          status: z.string(),
          percent: z.number().nullable(),
          attempts: z.number().int(),
        }),
      ),
      href,
    }),
  ),
});

export const myAssignmentsToolOutputSchema = z.object({
  assignments: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      type: z.string(),
      className: z.string(),
      dueAt: isoString.nullable(),
      state: z.string(),
      overdue: z.boolean(),
      bestPercent: z.number().nullable(),
      href,
    }),
  ),
});

export const myResultsToolOutputSchema = z.object({
  classes: z.array(
    z.object({
      classId: z.string(),
      className: z.string(),
      quizAverage: z.number().nullable(),
      items: z.array(
        z.object({
          assignmentId: z.string(),
          title: z.string(),
          type: z.string(),
          state: z.string(),
          bestPercent: z.number().nullable(),
          feedback: z.string().nullable(),
        }),
      ),
    }),
  ),
  href,
});

export const explainConceptToolOutputSchema = z.object({
  concept: z.string(),
  /** The grade level to explain at: the class's, else the most common of the student's classes (null: none). */
  gradeLevel: z.string().nullable(),
  /** Assigned content in the student's own classes whose title matches the concept. */
  related: z.array(
    z.object({ assignmentId: z.string(), title: z.string(), type: z.string(), className: z.string(), href }),
  ),
});
