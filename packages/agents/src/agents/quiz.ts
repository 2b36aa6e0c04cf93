// The quiz agent: writes exactly the requested number of questions, mixing the five question types,
// each with an answer key that passes the teaching core's checks and an explanation. Its offline
// draft is in src/providers/offline/quiz.ts.
import { lessonDraftSchema, outlineSchema, type QuizDraft, quizDraftSchema } from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentSpec } from "../types";
import {
  describeRequest,
  draftInputSchema,
  gradeLabel,
  inputBlock,
  readingLevelText,
  revisionText,
  systemPrompt,
} from "./prompt";

export const quizInputSchema = draftInputSchema(
  { outline: outlineSchema, lesson: lessonDraftSchema.nullable() },
  quizDraftSchema,
);
export type QuizInput = z.infer<typeof quizInputSchema>;
export const quiz = {
  name: "quiz",
  description: "Writes the quiz: a mix of question types, each with an answer key and an explanation",
  inputSchema: quizInputSchema,
  outputSchema: quizDraftSchema,
  prompt(input: QuizInput) {
    const { request } = input;
    const system = systemPrompt("an assessment writer", [
      `Write exactly the requested number of questions, mixing the five types: SINGLE_CHOICE (2 to 6 options, exactly one correct), MULTIPLE_CHOICE (2 to 6 options, one or more correct), TRUE_FALSE (no options, answer {"value": true|false}), SHORT_ANSWER (no options, answer {"accepted": [...], "caseSensitive": false} with short accepted answers) and NUMERIC (no options, answer {"value": n, "tolerance": t}; use a tolerance above 0 when the answer is not a whole number).`,
      'Options have short unique ids ("a", "b", ...) and distinct texts; "correct" lists option ids.',
      "Every question has an explanation that says why the answer is right, for feedback after the student answers.",
      "Questions must be answerable from the lesson; answer keys must be correct.",
      `Match the reading level: ${readingLevelText(request.readingLevel)}.`,
    ]);
    const user = [
      `Write a quiz of exactly ${request.questionCount} questions on ${input.outline.title} for ${gradeLabel(request.gradeLevel)}, with a title and short instructions for students.`,
      input.lesson
        ? "Base the questions on the lesson in the input (its sections and vocabulary)."
        : "Base the questions on the outline's objectives and vocabulary.",
      "",
      describeRequest(request),
    ].join("\n");
    return { system, user: user + revisionText(input.revision, "quiz") + inputBlock(input) };
  },
  check(output: QuizDraft, input: QuizInput) {
    const problems: string[] = [];
    if (output.questions.length !== input.request.questionCount) {
      problems.push(
        `The quiz has ${output.questions.length} questions; it must have exactly ${input.request.questionCount}`,
      );
    }
    return problems;
  },
} satisfies AgentSpec<QuizInput, QuizDraft>;
