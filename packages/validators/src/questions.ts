import { z } from "zod";
import { idSchema } from "./common";
import { tagSchema } from "./content";

export const questionTypes = ["SINGLE_CHOICE", "MULTIPLE_CHOICE", "TRUE_FALSE", "SHORT_ANSWER", "NUMERIC"] as const;
export const questionTypeSchema = z.enum(questionTypes);

const optionSchema = z.object({
  id: z.string().min(1).max(40),
  text: z.string().trim().min(1, "An option needs text").max(500),
});

const common = {
  prompt: z.string().trim().min(1, "Write the question").max(5000),
  points: z.number().int().min(1, "At least 1 point").max(100).default(1),
  explanation: z.string().trim().max(5000).nullish(),
  tags: z.array(tagSchema).max(20).default([]),
};

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

const singleChoice = z
  .object({
    type: z.literal("SINGLE_CHOICE"),
    ...common,
    options: z.array(optionSchema).min(2, "Give at least two options").max(10),
    answer: z.object({ correct: z.array(z.string()).length(1, "Mark exactly one correct option") }),
  })
  .superRefine((q, ctx) => {
    optionsAreDistinct(q.options, ctx);
    answersAreOptions(q.options, q.answer.correct, ctx);
  });

const multipleChoice = z
  .object({
    type: z.literal("MULTIPLE_CHOICE"),
    ...common,
    options: z.array(optionSchema).min(2, "Give at least two options").max(10),
    answer: z.object({ correct: z.array(z.string()).min(1, "Mark at least one correct option") }),
  })
  .superRefine((q, ctx) => {
    optionsAreDistinct(q.options, ctx);
    answersAreOptions(q.options, q.answer.correct, ctx);
    if (new Set(q.answer.correct).size !== q.answer.correct.length) {
      ctx.addIssue({ code: "custom", message: "An option is marked correct twice", path: ["answer", "correct"] });
    }
  });

const trueFalse = z.object({
  type: z.literal("TRUE_FALSE"),
  ...common,
  options: z.array(optionSchema).max(0).default([]),
  answer: z.object({ value: z.boolean() }),
});

const shortAnswer = z.object({
  type: z.literal("SHORT_ANSWER"),
  ...common,
  options: z.array(optionSchema).max(0).default([]),
  answer: z.object({
    accepted: z.array(z.string().trim().min(1).max(500)).min(1, "Give at least one accepted answer").max(20),
    caseSensitive: z.boolean().default(false),
  }),
});

const numeric = z.object({
  type: z.literal("NUMERIC"),
  ...common,
  options: z.array(optionSchema).max(0).default([]),
  answer: z.object({
    value: z.number().finite(),
    tolerance: z.number().finite().min(0, "Tolerance cannot be negative").default(0),
  }),
});

/** A question with a consistent answer key: every rule a teacher can get wrong is checked here. */
export const questionSchema = z.discriminatedUnion("type", [
  singleChoice,
  multipleChoice,
  trueFalse,
  shortAnswer,
  numeric,
]);
export type QuestionInput = z.input<typeof questionSchema>;
export type QuestionData = z.output<typeof questionSchema>;

/** What a student submits for one question. */
export const questionResponseSchema = z.union([
  z.object({ selected: z.array(z.string().max(40)).max(10) }),
  z.object({ value: z.boolean() }),
  z.object({ text: z.string().max(2000) }),
  z.object({ number: z.number().finite() }),
]);
export type QuestionResponse = z.infer<typeof questionResponseSchema>;

export const regradePolicies = ["KEEP_SCORES", "REGRADE_ALL", "FULL_MARKS"] as const;
export const regradePolicySchema = z.enum(regradePolicies);

export const questionIdSchema = z.object({ questionId: idSchema });
