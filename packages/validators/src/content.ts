import { z } from "zod";
import { robloxEnvironmentSchema } from "./agents";
import { gradeLevelSchema, subjectSchema } from "./classes";
import { idSchema, isoDate, queryBoolean, queryNumber, tagSchema } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";
import { httpUrlSchema } from "./urls";

export const contentTypes = ["LESSON", "QUIZ", "ACTIVITY", "ENVIRONMENT"] as const;
export const contentTypeSchema = z.enum(contentTypes);
export const contentStatuses = ["DRAFT", "GENERATED", "IN_REVIEW", "PUBLISHED", "ARCHIVED"] as const;
export const contentStatusSchema = z.enum(contentStatuses);

const mediaLinkSchema = z.object({
  url: httpUrlSchema,
  caption: textSchema.trim().max(200).default(""),
});

export const lessonSectionSchema = z.object({
  id: textSchema.min(1).max(40),
  heading: textSchema.trim().min(1, "Give the section a heading").max(200),
  markdown: textSchema.max(50_000, "A section is at most 50,000 characters"),
  media: z.array(mediaLinkSchema).max(10).default([]),
});
export const lessonBodySchema = z.object({
  sections: z.array(lessonSectionSchema).min(1, "A lesson needs at least one section").max(50),
});

export const activityBodySchema = z.object({
  instructions: textSchema.trim().min(1, "Write the instructions").max(20_000),
  steps: z
    .array(z.object({ id: textSchema.min(1).max(40), text: textSchema.trim().min(1, "Describe the step").max(2000) }))
    .min(1, "An activity needs at least one step")
    .max(50),
});

/** A quiz either lists its questions (QuizQuestion rows) or draws N at random from a bank tag. */
export const quizBodySchema = z.object({
  instructions: textSchema.max(5000).default(""),
  draw: z
    .object({
      tag: textSchema.trim().min(1).max(40),
      count: z.number().int().min(1).max(100),
      /** Avoid giving a student a question they saw in an earlier attempt, while the bank allows it. */
      avoidRepeats: z.boolean().default(true),
    })
    .nullable()
    .default(null),
});

/** A Roblox learning environment: terrain spec, Luau scripts and quiz checkpoints (see ./agents). */
export const environmentBodySchema = robloxEnvironmentSchema;

export const contentBodySchemas = {
  LESSON: lessonBodySchema,
  QUIZ: quizBodySchema,
  ACTIVITY: activityBodySchema,
  ENVIRONMENT: environmentBodySchema,
} as const;

/** A content item's version number (a PostgreSQL integer column). */
const versionNumberSchema = z.number().int().min(1).max(2_147_483_647);

const contentFields = {
  title: textSchema.trim().min(1, "Enter a title").max(200, "Title is at most 200 characters"),
  description: textSchema.trim().max(2000).default(""),
  subject: subjectSchema,
  gradeLevel: gradeLevelSchema,
  tags: z.array(tagSchema).max(20).default([]),
};

export const createContentSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("LESSON"), ...contentFields, body: lessonBodySchema }),
    z.object({ type: z.literal("QUIZ"), ...contentFields, body: quizBodySchema }),
    z.object({ type: z.literal("ACTIVITY"), ...contentFields, body: activityBodySchema }),
    z.object({ type: z.literal("ENVIRONMENT"), ...contentFields, body: environmentBodySchema }),
  ])
  .meta({
    examples: [
      {
        type: "LESSON",
        title: "Plate tectonics",
        description: "How Earth's plates move and what happens where they meet.",
        subject: "Science",
        gradeLevel: "7",
        tags: ["earth-science", "plate-tectonics"],
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
            },
          ],
        },
      },
    ],
  });
export type CreateContentInput = z.input<typeof createContentSchema>;

/** An edit: the body is checked against the item's type by the service. */
export const updateContentSchema = z
  .object({
    contentId: idSchema,
    /** The version the editor started from; a stale edit is refused instead of overwriting. */
    expectedVersion: versionNumberSchema,
    ...contentFields,
    body: z.unknown(),
  })
  .meta({
    examples: [
      {
        contentId: ids.lesson,
        expectedVersion: 3,
        title: "Plate tectonics",
        description: "How Earth's plates move and what happens where they meet.",
        subject: "Science",
        gradeLevel: "7",
        tags: ["earth-science", "plate-tectonics"],
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
            },
          ],
        },
      },
    ],
  });
export type UpdateContentInput = z.input<typeof updateContentSchema>;

export const contentIdSchema = z.object({ contentId: idSchema });
/** `version` is a path parameter in REST (`/content/{contentId}/versions/{version}/restore`): a numeric string there. */
export const restoreVersionSchema = z.object({ contentId: idSchema, version: queryNumber(versionNumberSchema) });
/**
 * Publish: `expectedVersion` (optional) is the version the person saw or just saved; when the
 * item has changed since, nothing is published (a CONFLICT), so what goes out is what they read.
 */
export const publishContentSchema = z
  .object({ contentId: idSchema, expectedVersion: versionNumberSchema.optional() })
  .meta({ examples: [{ contentId: ids.lesson, expectedVersion: 4 }] });
export type PublishContentInput = z.input<typeof publishContentSchema>;

export const contentListInputSchema = z.object({
  type: contentTypeSchema.optional(),
  status: contentStatusSchema.optional(),
  subject: textSchema.trim().max(60).optional(),
  gradeLevel: gradeLevelSchema.optional(),
  authorId: idSchema.optional(),
  tag: tagSchema.optional(),
  search: textSchema.trim().max(200).optional(),
  deleted: queryBoolean().default(false),
  cursor: textSchema.max(200).nullish(),
  limit: queryNumber(z.number().int().min(1).max(100)).default(20),
});
export type ContentListInput = z.input<typeof contentListInputSchema>;

// Outputs. The body is stored as validated on the way in; it is returned as is (the editor
// parses it with the item type's schema).

const contentAuthorSchema = z.object({ id: z.string(), name: z.string() });

export const contentSummarySchema = z
  .object({
    id: z.string(),
    type: contentTypeSchema,
    title: z.string(),
    description: z.string(),
    subject: z.string(),
    gradeLevel: z.string(),
    tags: z.array(z.string()),
    status: contentStatusSchema,
    generated: z.boolean(),
    /** The generation task that drafted the item, when it was generated. */
    agentTaskId: z.string().nullable(),
    /** The model that drafted it (the task's provider and model), when it was generated. */
    generatedBy: z.object({ provider: z.string(), model: z.string() }).nullable(),
    version: z.number().int(),
    author: contentAuthorSchema,
    publishedAt: isoDate().nullable(),
    deletedAt: isoDate().nullable(),
    createdAt: isoDate(),
    updatedAt: isoDate(),
  })
  .meta({
    id: "ContentSummary",
    examples: [
      {
        id: ids.lesson,
        type: "LESSON",
        title: "Plate tectonics",
        description: "How Earth's plates move and what happens where they meet.",
        subject: "Science",
        gradeLevel: "7",
        tags: ["earth-science", "plate-tectonics"],
        status: "PUBLISHED",
        generated: true,
        agentTaskId: ids.task,
        generatedBy: { provider: "openai", model: "gpt-4o-mini" },
        version: 4,
        author: { id: ids.teacher, name: "Rosa Okafor" },
        publishedAt: "2026-12-02T08:15:00.000Z",
        deletedAt: null,
        createdAt: "2026-12-01T16:40:00.000Z",
        updatedAt: "2026-12-02T08:15:00.000Z",
      },
    ],
  });
export type ContentSummary = z.infer<typeof contentSummarySchema>;

export const contentDetailSchema = contentSummarySchema
  .extend({
    body: z.unknown(),
    /** Whether the caller may edit, publish, delete and restore it (its author or an admin). */
    canManage: z.boolean(),
  })
  .meta({
    id: "ContentItem",
    examples: [
      {
        id: ids.lesson,
        type: "LESSON",
        title: "Plate tectonics",
        description: "How Earth's plates move and what happens where they meet.",
        subject: "Science",
        gradeLevel: "7",
        tags: ["earth-science", "plate-tectonics"],
        status: "PUBLISHED",
        generated: true,
        agentTaskId: ids.task,
        generatedBy: { provider: "openai", model: "gpt-4o-mini" },
        version: 4,
        author: { id: ids.teacher, name: "Rosa Okafor" },
        publishedAt: "2026-12-02T08:15:00.000Z",
        deletedAt: null,
        createdAt: "2026-12-01T16:40:00.000Z",
        updatedAt: "2026-12-02T08:15:00.000Z",
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
        canManage: true,
      },
    ],
  });
export type ContentDetail = z.infer<typeof contentDetailSchema>;

/** `content.duplicate`: the copy, and how many of a quiz's questions were private to someone else and left out. */
export const duplicatedContentSchema = contentDetailSchema.extend({ questionsLeftOut: z.number().int().min(0) });

export const contentListSchema = z.object({
  items: z.array(contentSummarySchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const contentVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  subject: z.string(),
  gradeLevel: z.string(),
  tags: z.array(z.string()),
  body: z.unknown(),
  editedBy: contentAuthorSchema.nullable(),
  createdAt: isoDate(),
});
export type ContentVersionView = z.infer<typeof contentVersionSchema>;
export const contentVersionListSchema = z.array(contentVersionSchema);
