// The content agent: writes the lesson, section by section, fitted to the grade, the reading level
// and the lesson's length (the sections' minutes add up to the duration). Its offline draft is in
// src/providers/offline/content.ts.
import { type LessonDraft, lessonDraftSchema, outlineSchema } from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentSpec } from "../types";
import { describeRequest, draftInputSchema, inputBlock, readingLevelText, revisionText, systemPrompt } from "./prompt";

export const contentInputSchema = draftInputSchema({ outline: outlineSchema }, lessonDraftSchema);
export type ContentInput = z.infer<typeof contentInputSchema>;

export const content = {
  name: "content",
  description: "Writes the lesson plan, section by section, for the grade, reading level and length",
  inputSchema: contentInputSchema,
  outputSchema: lessonDraftSchema,
  prompt(input: ContentInput) {
    const { request } = input;
    const system = systemPrompt("an experienced classroom teacher and curriculum writer", [
      "Write a lesson plan a teacher can use tomorrow: a warm-up or hook, direct instruction, guided practice or an activity, a check for understanding, and a wrap-up with an exit ticket (add independent practice or discussion for longer lessons).",
      "Each section has a heading, a markdown body (short paragraphs, numbered steps, bullet lists, a vocabulary table where useful) and its length in whole minutes.",
      "The sections' minutes must add up exactly to the lesson length.",
      `Match the reading level: ${readingLevelText(request.readingLevel)}.`,
    ]);
    const lines = [
      `Write the lesson "${input.outline.title}" following the outline's objectives and vocabulary.`,
      `The sections must add up to exactly ${request.durationMinutes} minutes.`,
    ];
    if (request.parts.includes("environment")) {
      lines.push("Include a guided activity where students explore the Roblox lab's stations.");
    }
    if (request.parts.includes("quiz")) {
      lines.push(`Include a check for understanding that uses the ${request.questionCount}-question quiz.`);
    }
    const user = [...lines, "", describeRequest(request)].join("\n");
    return { system, user: user + revisionText(input.revision, "lesson") + inputBlock(input) };
  },
  check(output: LessonDraft, input: ContentInput) {
    const problems: string[] = [];
    const total = output.sections.reduce((a, s) => a + s.minutes, 0);
    if (total !== input.request.durationMinutes) {
      problems.push(
        `The sections' minutes add up to ${total}; they must add up to the lesson length, ${input.request.durationMinutes} minutes`,
      );
    }
    output.sections.forEach((s, i) => {
      if (s.heading.trim() === "") problems.push(`sections[${i}].heading is empty`);
      if (s.markdown.trim() === "") problems.push(`sections[${i}].markdown is empty`);
    });
    return problems;
  },
} satisfies AgentSpec<ContentInput, LessonDraft>;
