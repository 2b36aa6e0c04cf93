// The standards agent: shows, for every standard the teacher chose, which drafts cover it, how
// strongly, and the evidence in the drafts.
import {
  catalogSubjectFits,
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
import type { AgentDefinition } from "../types";
import { topicInfo } from "./kit";
import { describeRequest, inputBlock, normalized, systemPrompt } from "./prompt";
import { type CatalogStandard, findStandard } from "./standardsCatalog";
import { clip, plainText } from "./text";

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

const STOP = new Set(
  "about above after again against among apply based before being between both cannot could describe determine develop different during each either every explain from have including into itself model models other their there these they this those through understand using which while with within without would".split(
    " ",
  ),
);

function keywords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of plainText(text)
    .toLowerCase()
    .match(/[a-z]{5,}/g) ?? []) {
    if (!STOP.has(w)) out.add(w.replace(/(?:ies|es|s)$/, ""));
  }
  return out;
}

function subjectFits(standard: CatalogStandard, subject: string): boolean {
  return catalogSubjectFits(standard.subject, subject);
}

function draftText(input: StandardsInput): string {
  return [
    input.request.topic,
    input.outline.summary,
    ...input.outline.objectives,
    ...(input.lesson?.sections.map((s) => `${s.heading}\n${s.markdown}`) ?? []),
    ...(input.quiz?.questions.map((q) => `${q.prompt} ${q.explanation ?? ""}`) ?? []),
    ...(input.terrain?.stations.map((s) => s.prompt) ?? []),
  ].join("\n");
}

function evidenceFor(input: StandardsInput, parts: GenerationPart[], shared: string[]): string {
  const info = topicInfo(input.request);
  const bits: string[] = [];
  if (parts.includes("lesson") && input.lesson) {
    const headings = input.lesson.sections.slice(1, 3).map((s) => `"${s.heading}"`);
    bits.push(`The lesson teaches ${info.term} in ${headings.join(" and ") || "its sections"}.`);
  }
  if (parts.includes("quiz") && input.quiz) {
    bits.push(`The quiz checks it with ${input.quiz.questions.length} questions.`);
  }
  if (parts.includes("environment") && input.terrain) {
    const experiments = input.terrain.stations.filter((s) => s.kind === "experiment").length;
    bits.push(
      `The Roblox lab has ${input.terrain.stations.length} stations${experiments > 0 ? `, including ${experiments} hands-on experiment station${experiments > 1 ? "s" : ""}` : ""}.`,
    );
  }
  if (bits.length === 0) bits.push(`The requested ${parts.join(" and ")} address ${info.term}.`);
  if (shared.length > 0) bits.push(`Shared ideas with the standard: ${shared.slice(0, 5).join(", ")}.`);
  return clip(bits.join(" "), 1000);
}

function draftAlignment(input: StandardsInput): StandardsAlignment {
  const { request } = input;
  const info = topicInfo(request);
  const parts = presentParts(input);
  const drafted = keywords(draftText(input));
  return {
    alignments: request.standards.slice(0, 20).map((code) => {
      const standard = findStandard(code);
      if (!standard) {
        return {
          code,
          description: clip(
            `${code}: a standard the teacher chose for this ${request.subject} lesson on ${info.term} (not in the built-in catalog; check the wording against the official standard).`,
            500,
          ),
          coveredBy: parts,
          evidence: evidenceFor(input, parts, []),
          strength: "partial" as const,
        };
      }
      const gradeFit = standard.grades.includes(request.gradeLevel);
      const subjectFit = subjectFits(standard, request.subject);
      const shared = [...keywords(standard.description)].filter((w) => drafted.has(w));
      const strength =
        gradeFit && subjectFit && shared.length >= 2 ? "strong" : gradeFit || subjectFit ? "partial" : "weak";
      const notes: string[] = [];
      if (!gradeFit) notes.push(`it is written for grade ${standard.grades.join("/")}, not ${request.gradeLevel}`);
      if (!subjectFit) notes.push(`it is a ${standard.subject} standard`);
      const evidence = evidenceFor(input, parts, shared);
      return {
        code,
        description: clip(standard.description, 500),
        coveredBy: parts,
        evidence: clip(notes.length > 0 ? `${evidence} Note: ${notes.join("; ")}.` : evidence, 1000),
        strength,
      };
    }),
  };
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
  offline: (input: StandardsInput) => draftAlignment(normalized(standardsInputSchema, input)),
} satisfies AgentDefinition<StandardsInput, StandardsAlignment>;
