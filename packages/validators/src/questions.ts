import { z } from "zod";
import { idSchema, isoDate, pageInputSchema, tagSchema } from "./common";
import { EXAMPLE_IDS as ids } from "./examples";
import { textSchema } from "./text";

export const questionTypes = ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER", "NUMERIC"] as const;
export const questionTypeSchema = z.enum(questionTypes);
export type QuestionType = z.infer<typeof questionTypeSchema>;

const optionSchema = z.object({
  id: textSchema.min(1).max(40),
  text: textSchema.trim().min(1, "An option needs text").max(500),
});
export type QuestionOption = z.infer<typeof optionSchema>;

// --- Rubrics (short answers marked by hand) -----------------------------------------------

/** One thing a teacher looks for in a short answer, worth up to `points`. */
/**
 * A criterion's id: letters, digits, "_" and "-", never a name objects already carry
 * ("constructor", "__proto__"), so a lookup by id can only ever find a mark.
 */
export const rubricCriterionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "A criterion id is 1 to 40 letters, digits, “_” or “-”")
  .refine((id) => !(id in Object.prototype), "Pick another criterion id");

export const rubricCriterionSchema = z.object({
  id: rubricCriterionIdSchema,
  label: textSchema.trim().min(1, "Describe what this criterion looks for").max(200, "Keep it under 200 characters"),
  points: z
    .number({ error: "Enter a number of points" })
    .int("Use whole points")
    .min(1, "A criterion is worth at least 1 point")
    .max(100, "A criterion is worth at most 100 points"),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

/** A short answer's rubric: the criteria the teacher ticks on the review page (stored in `Question.rubric`). */
export const rubricSchema = z
  .array(rubricCriterionSchema)
  .max(10, "A rubric has at most 10 criteria")
  .superRefine((criteria, ctx) => {
    const ids = new Set<string>();
    criteria.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: "custom", message: "Criterion ids must be unique", path: [i, "id"] });
      ids.add(c.id);
    });
  });
export type Rubric = z.infer<typeof rubricSchema>;

/** A stored rubric, or null when the column holds none (or something that is not a rubric). */
export function parseRubric(value: unknown): Rubric | null {
  if (value === null || value === undefined) return null;
  const parsed = rubricSchema.safeParse(value);
  return parsed.success && parsed.data.length > 0 ? parsed.data : null;
}

const common = {
  prompt: textSchema.trim().min(1, "Write the question").max(5000),
  points: z.number().int().min(1, "At least 1 point").max(100).default(1),
  explanation: textSchema.trim().max(5000).nullish(),
  tags: z
    .array(tagSchema)
    .max(20)
    .default([])
    .transform((tags) => [...new Set(tags)]),
};

// The answer shapes, one per type (the `answer` column holds one of these).
const choiceAnswer = z.object({ correct: z.array(z.string()) });
const trueFalseAnswer = z.object({ value: z.boolean() });
const shortAnswerAnswer = z.object({
  accepted: z.array(textSchema.trim().min(1, "An accepted answer can't be empty").max(500)),
  caseSensitive: z.boolean().default(false),
});
const numericAnswer = z.object({
  value: z.number().finite("Enter a number"),
  tolerance: z.number().finite().min(0, "Tolerance cannot be negative").default(0),
});

function optionsAreDistinct(options: { id: string; text: string }[], ctx: z.RefinementCtx) {
  const texts = new Set<string>();
  const ids = new Set<string>();
  options.forEach((o, i) => {
    const key = o.text.trim().toLowerCase();
    if (texts.has(key))
      ctx.addIssue({ code: "custom", message: "Options must be different", path: ["options", i, "text"] });
    if (ids.has(o.id))
      ctx.addIssue({ code: "custom", message: "Option ids must be unique", path: ["options", i, "id"] });
    texts.add(key);
    ids.add(o.id);
  });
}

function answersAreOptions(options: { id: string }[], correct: string[], ctx: z.RefinementCtx) {
  const ids = new Set(options.map((o) => o.id));
  correct.forEach((id, i) => {
    if (!ids.has(id))
      ctx.addIssue({
        code: "custom",
        message: "The answer must be one of the options",
        path: ["answer", "correct", i],
      });
  });
}

/** The five question shapes, without the answer-key checks (those are added by `keyChecked`). */
const variants = {
  SINGLE_CHOICE: z.object({
    type: z.literal("SINGLE_CHOICE"),
    ...common,
    options: z.array(optionSchema).min(2, "Give at least two options").max(10),
    answer: z.object({ correct: z.array(textSchema.max(40)).length(1, "Mark exactly one correct option") }),
  }),
  MULTIPLE_CHOICE: z.object({
    type: z.literal("MULTIPLE_CHOICE"),
    ...common,
    options: z.array(optionSchema).min(2, "Give at least two options").max(10),
    answer: z.object({ correct: z.array(textSchema.max(40)).min(1, "Mark at least one correct option").max(10) }),
  }),
  TRUE_FALSE: z.object({
    type: z.literal("TRUE_FALSE"),
    ...common,
    options: z.array(optionSchema).max(0).default([]),
    answer: trueFalseAnswer,
  }),
  SHORT_ANSWER: z.object({
    type: z.literal("SHORT_ANSWER"),
    ...common,
    options: z.array(optionSchema).max(0).default([]),
    answer: shortAnswerAnswer.extend({
      accepted: shortAnswerAnswer.shape.accepted.min(1, "Give at least one accepted answer").max(20),
    }),
    /** Criteria for marking by hand on the review page; left out, null or empty: none. */
    rubric: rubricSchema.nullish(),
  }),
  NUMERIC: z.object({
    type: z.literal("NUMERIC"),
    ...common,
    options: z.array(optionSchema).max(0).default([]),
    answer: numericAnswer,
  }),
};

type AnyQuestion =
  | {
      type: "SINGLE_CHOICE" | "MULTIPLE_CHOICE";
      options: { id: string; text: string }[];
      answer: { correct: string[] };
    }
  | { type: "SHORT_ANSWER"; answer: { accepted: string[]; caseSensitive: boolean } }
  | { type: "TRUE_FALSE" | "NUMERIC" };

/** Every answer-key rule a teacher can get wrong, with the path of the field it is about. */
function checkAnswerKey(value: unknown, ctx: z.RefinementCtx) {
  const q = value as AnyQuestion;
  if (q.type === "SINGLE_CHOICE" || q.type === "MULTIPLE_CHOICE") {
    optionsAreDistinct(q.options, ctx);
    answersAreOptions(q.options, q.answer.correct, ctx);
    if (new Set(q.answer.correct).size !== q.answer.correct.length) {
      ctx.addIssue({ code: "custom", message: "An option is marked correct twice", path: ["answer", "correct"] });
    }
  }
  if (q.type === "SHORT_ANSWER") {
    const seen = new Set<string>();
    q.answer.accepted.forEach((a, i) => {
      const key = normalizeText(a, q.answer.caseSensitive);
      if (seen.has(key))
        ctx.addIssue({ code: "custom", message: "This answer is listed twice", path: ["answer", "accepted", i] });
      seen.add(key);
    });
  }
}

/** Short answers compare after trimming and collapsing inner whitespace (and lower-casing unless case-sensitive). */
export function normalizeText(text: string, caseSensitive: boolean): string {
  const collapsed = text.trim().replace(/\s+/g, " ");
  return caseSensitive ? collapsed : collapsed.toLowerCase();
}

function keyChecked<T extends z.ZodRawShape>(extra: T) {
  return z.discriminatedUnion("type", [
    variants.SINGLE_CHOICE.extend(extra).superRefine(checkAnswerKey),
    variants.MULTIPLE_CHOICE.extend(extra).superRefine(checkAnswerKey),
    variants.TRUE_FALSE.extend(extra),
    variants.SHORT_ANSWER.extend(extra).superRefine(checkAnswerKey),
    variants.NUMERIC.extend(extra),
  ]);
}

/** A question with a consistent answer key: every rule a teacher can get wrong is checked here. */
export const questionSchema = keyChecked({});
export type QuestionInput = z.input<typeof questionSchema>;
export type QuestionData = z.output<typeof questionSchema>;

/** What a student submits for one question. */
export const questionResponseSchema = z.union([
  z.object({ selected: z.array(textSchema.max(40)).max(10) }),
  z.object({ value: z.boolean() }),
  z.object({ text: textSchema.max(2000) }),
  z.object({ number: z.number().finite() }),
]);
export type QuestionResponse = z.infer<typeof questionResponseSchema>;

export const regradePolicies = ["KEEP_SCORES", "REGRADE_ALL", "FULL_MARKS"] as const;
export const regradePolicySchema = z.enum(regradePolicies);
export type RegradePolicy = z.infer<typeof regradePolicySchema>;

export const questionIdSchema = z.object({ questionId: idSchema });

// --- Bank procedures -------------------------------------------------------------------

export const questionScopes = ["mine", "shared", "all"] as const;
export const questionScopeSchema = z.enum(questionScopes);
export type QuestionScope = z.infer<typeof questionScopeSchema>;

export const questionListInputSchema = pageInputSchema.extend({
  search: textSchema.trim().max(200).optional(),
  tag: tagSchema.optional(),
  type: questionTypeSchema.optional(),
  /** mine: questions I own; shared: questions others share with the organization; all: everything I can see. */
  scope: questionScopeSchema.default("all"),
});
export type QuestionListInput = z.input<typeof questionListInputSchema>;

export const createQuestionSchema = questionSchema.meta({
  examples: [
    {
      type: "SINGLE_CHOICE",
      prompt: "What kind of plate boundary forms where two plates move apart?",
      points: 1,
      explanation: "At a divergent boundary new crust forms as the plates separate.",
      tags: ["plate-tectonics"],
      options: [
        { id: "a", text: "Convergent" },
        { id: "b", text: "Divergent" },
        { id: "c", text: "Transform" },
      ],
      answer: { correct: ["b"] },
    },
  ],
});

/**
 * An edit replaces the whole question. When students have answered it and the key, points or
 * type change, the server answers CONFLICT until the edit carries a `regradePolicy`.
 */
export const updateQuestionSchema = keyChecked({
  questionId: idSchema,
  regradePolicy: regradePolicySchema.optional(),
}).meta({
  examples: [
    {
      questionId: ids.question,
      type: "SINGLE_CHOICE",
      prompt: "What kind of plate boundary forms where two plates move apart?",
      points: 1,
      explanation: "At a divergent boundary new crust forms as the plates separate.",
      tags: ["plate-tectonics"],
      options: [
        { id: "a", text: "Convergent" },
        { id: "b", text: "Divergent" },
        { id: "c", text: "Transform" },
      ],
      answer: { correct: ["b"] },
      regradePolicy: "REGRADE_ALL",
    },
  ],
});
export type UpdateQuestionInput = z.input<typeof updateQuestionSchema>;

export const removeQuestionSchema = z.object({
  questionId: idSchema,
  regradePolicy: regradePolicySchema.optional(),
});
export type RemoveQuestionInput = z.input<typeof removeQuestionSchema>;

export const shareAccessSchema = z.enum(["VIEW", "EDIT"]);
export type ShareAccess = z.infer<typeof shareAccessSchema>;
export const shareQuestionSchema = z
  .object({ questionId: idSchema, access: shareAccessSchema.nullable() })
  .meta({ examples: [{ questionId: ids.question, access: "VIEW" }] });

const viewMeta = {
  id: z.string(),
  prompt: z.string(),
  points: z.number(),
  explanation: z.string().nullable(),
  tags: z.array(z.string()),
  sharedAccess: shareAccessSchema.nullable(),
  version: z.number().int(),
  owner: z.object({ id: z.string(), name: z.string() }),
  createdAt: isoDate(),
  updatedAt: isoDate(),
  /** The actor may edit it (owner, admin, or shared with EDIT). */
  canEdit: z.boolean(),
  /** The actor may share or remove it (owner or admin). */
  canManage: z.boolean(),
};

/** A question as the bank shows it (answer key included: only teachers and admins read the bank). */
export const questionViewSchema = z
  .discriminatedUnion("type", [
    z.object({ ...viewMeta, type: z.literal("SINGLE_CHOICE"), options: z.array(optionSchema), answer: choiceAnswer }),
    z.object({ ...viewMeta, type: z.literal("MULTIPLE_CHOICE"), options: z.array(optionSchema), answer: choiceAnswer }),
    z.object({ ...viewMeta, type: z.literal("TRUE_FALSE"), options: z.array(optionSchema), answer: trueFalseAnswer }),
    z.object({
      ...viewMeta,
      type: z.literal("SHORT_ANSWER"),
      options: z.array(optionSchema),
      answer: z.object({ accepted: z.array(z.string()), caseSensitive: z.boolean() }),
      rubric: rubricSchema.nullable(),
    }),
    z.object({
      ...viewMeta,
      type: z.literal("NUMERIC"),
      options: z.array(optionSchema),
      answer: z.object({ value: z.number(), tolerance: z.number() }),
    }),
  ])
  .meta({
    id: "Question",
    examples: [
      {
        id: ids.question,
        prompt: "What kind of plate boundary forms where two plates move apart?",
        points: 1,
        explanation: "At a divergent boundary new crust forms as the plates separate.",
        tags: ["plate-tectonics"],
        sharedAccess: null,
        version: 1,
        owner: { id: ids.teacher, name: "Rosa Okafor" },
        createdAt: "2026-11-28T10:00:00.000Z",
        updatedAt: "2026-11-28T10:00:00.000Z",
        canEdit: true,
        canManage: true,
        type: "SINGLE_CHOICE",
        options: [
          { id: "a", text: "Convergent" },
          { id: "b", text: "Divergent" },
          { id: "c", text: "Transform" },
        ],
        answer: { correct: ["b"] },
      },
    ],
  });
export type QuestionView = z.infer<typeof questionViewSchema>;

export const questionListSchema = z.object({
  items: z.array(questionViewSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});

export const regradeResultSchema = z.object({
  policy: regradePolicySchema,
  attemptsAffected: z.number().int(),
});

export const questionMutationResultSchema = z.object({
  question: questionViewSchema,
  /** Set when existing attempts were re-scored (or kept, with KEEP_SCORES). */
  regrade: regradeResultSchema.nullable(),
});

export const removedQuestionSchema = z.object({
  questionId: z.string(),
  regrade: regradeResultSchema.nullable(),
});

// --- Quiz composition ------------------------------------------------------------------

export const quizIdSchema = z.object({ quizId: idSchema });

export const setQuizQuestionsSchema = z
  .object({
    quizId: idSchema,
    questionIds: z
      .array(idSchema)
      .max(100, "A quiz has at most 100 questions")
      .refine((ids) => new Set(ids).size === ids.length, "A question can only appear once in a quiz"),
  })
  .meta({ examples: [{ quizId: ids.quiz, questionIds: [ids.question, ids.question2] }] });
export type SetQuizQuestionsInput = z.input<typeof setQuizQuestionsSchema>;

export const quizQuestionListSchema = z.array(z.object({ position: z.number().int(), question: questionViewSchema }));
