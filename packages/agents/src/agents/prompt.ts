// Shared prompt pieces: the common rules every agent's system prompt carries, the revision block,
// and the input block every user prompt ends with (tests read that last ```json block back).
import { type GenerateRequest, generateRequestSchema } from "@toolboxai/validators";
import { z } from "zod";

/** The reviewer's request to redo a draft: its instructions, its findings, and the draft it read. */
export interface Revision<T> {
  instructions: string;
  findings: string[];
  previous: T;
}

/**
 * A drafting agent's input: the request, what the draft builds on (`fields`), and `revision`, the
 * reviewer's request to redo the draft (null on the first run).
 */
export function draftInputSchema<F extends z.ZodRawShape, T extends z.ZodType>(fields: F, draft: T) {
  return z.object({
    request: generateRequestSchema,
    ...fields,
    revision: z
      .object({
        instructions: z.string(),
        findings: z.array(z.string()),
        previous: draft,
      })
      .nullable(),
  });
}

/** The block every user prompt ends with; keep this exact format. */
export function inputBlock(input: unknown): string {
  return `\n\nInput:\n\`\`\`json\n${JSON.stringify(input)}\n\`\`\``;
}

/** Grade as a number for reading-level maths: K = 0, Higher ed and Adult = 13. */
export function gradeNumber(grade: GenerateRequest["gradeLevel"]): number {
  if (grade === "K") return 0;
  if (grade === "Higher ed" || grade === "Adult") return 13;
  const n = Number.parseInt(grade, 10);
  return Number.isFinite(n) ? n : 6;
}

/** "kindergarten", "grade 7", "adult learners". */
export function gradeLabel(grade: GenerateRequest["gradeLevel"]): string {
  if (grade === "K") return "kindergarten";
  if (grade === "Higher ed") return "higher-education students";
  if (grade === "Adult") return "adult learners";
  return `grade ${grade}`;
}

export function readingLevelText(level: GenerateRequest["readingLevel"]): string {
  switch (level) {
    case "EMERGING":
      return "emerging readers: short sentences (about 8 to 10 words), everyday words, one idea per sentence, new words defined right away";
    case "ADVANCED":
      return "advanced readers: richer academic vocabulary, longer explanations and more challenge, still clear and well organized";
    default:
      return "on-grade readers: clear sentences and grade-appropriate vocabulary, new terms defined when first used";
  }
}

/** One paragraph describing the request, used by every agent's user prompt. */
export function describeRequest(request: GenerateRequest): string {
  const lines = [
    `Topic: ${request.topic}`,
    `Subject: ${request.subject}`,
    `Audience: ${gradeLabel(request.gradeLevel)}`,
    `Lesson length: ${request.durationMinutes} minutes`,
    `Reading level: ${readingLevelText(request.readingLevel)}`,
    `Parts requested: ${request.parts.join(", ")}`,
  ];
  if (request.parts.includes("quiz")) lines.push(`Quiz questions: ${request.questionCount}`);
  if (request.standards.length > 0) lines.push(`Standards: ${request.standards.join(", ")}`);
  if (request.notes) lines.push(`Teacher's notes: ${request.notes}`);
  return lines.join("\n");
}

const COMMON_RULES = [
  "Answer with a single JSON object that follows the JSON Schema you are given. No prose before or after it, no markdown code fences around it.",
  "Write for the stated grade level and reading level. Keep every example age-appropriate: no violence, gore, romance, alcohol, drugs, gambling, insults or frightening content for children.",
  "Protect student privacy (COPPA and FERPA): never ask students for personal information (full name, home address, phone number, email address, birthday, photos of themselves or their family, passwords or account names), never include real email addresses or phone numbers, and only link to https addresses.",
  "Be accurate. Prefer well-established facts; do not invent statistics, quotations or sources.",
  "Be inclusive and accessible: plain language, clear headings, instructions students can follow without seeing colours or images.",
];

export function systemPrompt(role: string, rules: string[]): string {
  return [
    `You are ${role} for ToolboxAI, a platform that helps teachers build lessons, quizzes and Roblox learning environments for their classes.`,
    "",
    "Rules:",
    ...[...COMMON_RULES, ...rules].map((r) => `- ${r}`),
  ].join("\n");
}

/** The part of a user prompt that asks for a corrected version, when the reviewer sent the draft back. */
export function revisionText(revision: Revision<unknown> | null, what: string): string {
  if (!revision) return "";
  const findings = revision.findings.length > 0 ? revision.findings.map((f) => `- ${f}`).join("\n") : "- (none listed)";
  return [
    "",
    "",
    `The reviewer sent your ${what} back for revision.`,
    `Reviewer's instructions: ${revision.instructions}`,
    "Reviewer's findings:",
    findings,
    `Your previous ${what} is in the input as \`revision.previous\`. Return a corrected, complete ${what} that fixes every finding and keeps everything that was already good.`,
  ].join("\n");
}
