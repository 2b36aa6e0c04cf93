// The standards agent: shows, for every standard the teacher chose, which drafts cover it, how
// strongly, and the evidence in the drafts. Its offline draft is in src/providers/offline/standards.ts.
import {
  type GenerationPart,
  generateRequestSchema,
  lessonDraftSchema,
  outlineSchema,
  quizDraftSchema,
  type StandardsAlignment,
  standardsAlignmentSchema,
  terrainSpecSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { AgentSpec } from "../types";
import { describeRequest, inputBlock, systemPrompt } from "./prompt";

export const standardsInputSchema = z.object({
  request: generateRequestSchema,
  outline: outlineSchema,
  lesson: lessonDraftSchema.nullable(),
  quiz: quizDraftSchema.nullable(),
  terrain: terrainSpecSchema.nullable(),
});
export type StandardsInput = z.infer<typeof standardsInputSchema>;

/** The parts the input has drafts for (the requested parts when it has none at all). */
export function presentParts(input: Pick<StandardsInput, "request" | "lesson" | "quiz" | "terrain">): GenerationPart[] {
  const parts: GenerationPart[] = [];
  if (input.lesson) parts.push("lesson");
  if (input.quiz) parts.push("quiz");
  if (input.terrain) parts.push("environment");
  return parts.length > 0 ? parts : [...input.request.parts];
}

export const standards = {
  name: "standards",
  description: "Aligns the drafts to the chosen standards, with evidence for each",
  inputSchema: standardsInputSchema,
  outputSchema: standardsAlignmentSchema,
  prompt(input: StandardsInput) {
    const system = systemPrompt("a curriculum standards specialist (NGSS, Common Core and state standards)", [
      "List every standard code the teacher chose exactly once, with the code exactly as given, and no other codes.",
      "Describe each standard in one sentence, as officially worded when you know it; do not invent wording for codes you do not know (say it should be checked).",
      'coveredBy names only parts that exist in the input: "lesson" when there is a lesson, "quiz" when there is a quiz, "environment" when there is a terrain spec.',
      'Give concrete evidence from the drafts (section headings, question numbers, station names) and rate the strength honestly: "strong", "partial" or "weak".',
    ]);
    const parts = presentParts(input);
    const user = [
      `Align the drafts in the input to these standards: ${input.request.standards.join(", ")}.`,
      `Drafts available: ${parts.join(", ")}.`,
      "",
      describeRequest(input.request),
    ].join("\n");
    return { system, user: user + inputBlock(input) };
  },
  check(output: StandardsAlignment, input: StandardsInput) {
    const problems: string[] = [];
    const wanted = input.request.standards.map((c) => c.toUpperCase());
    const counts = new Map<string, number>();
    for (const a of output.alignments) counts.set(a.code.toUpperCase(), (counts.get(a.code.toUpperCase()) ?? 0) + 1);
    for (const code of wanted) {
      const n = counts.get(code) ?? 0;
      if (n === 0) problems.push(`Standard ${code} is missing; align every chosen standard`);
      if (n > 1) problems.push(`Standard ${code} is listed ${n} times; list it once`);
    }
    for (const code of counts.keys()) {
      if (!wanted.includes(code)) problems.push(`Standard ${code} was not chosen by the teacher; remove it`);
    }
    const parts = presentParts(input);
    output.alignments.forEach((a, i) => {
      for (const part of a.coveredBy) {
        if (!parts.includes(part))
          problems.push(`alignments[${i}].coveredBy names "${part}", but there is no ${part} draft`);
      }
    });
    return problems;
  },
} satisfies AgentSpec<StandardsInput, StandardsAlignment>;
