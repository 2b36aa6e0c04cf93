// The standards agent's offline draft: each chosen standard looked up in the built-in catalog, rated
// by grade, subject and the ideas the drafts share with it, with evidence taken from the drafts.
import { catalogSubjectFits, type GenerationPart, type StandardsAlignment } from "@toolboxai/validators";
import { presentParts, type StandardsInput, standardsInputSchema } from "../../agents/standards";
import { type CatalogStandard, findStandard } from "../../agents/standardsCatalog";
import { normalized, topicInfo } from "./kit";
import { clip, plainText } from "./text";

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

/** The standards agent's offline answer. */
export function offlineStandards(input: StandardsInput): StandardsAlignment {
  return draftAlignment(normalized(standardsInputSchema, input));
}
