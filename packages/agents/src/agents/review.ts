// The review agent: checks the drafts for age-appropriateness, accuracy, accessibility and privacy,
// and may send one drafting agent back (once) with its findings.
import {
  generateRequestSchema,
  lessonDraftSchema,
  quizDraftSchema,
  type ReviewReport,
  reviewReportSchema,
  scriptBundleSchema,
  standardsAlignmentSchema,
  terrainSpecSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { AgentDefinition } from "../types";
import {
  type AgentFinding,
  isSerious,
  lessonFindings,
  quizFindings,
  type RevisableAgent,
  revisableAgents,
  scriptFindings,
  standardsFindings,
  terrainFindings,
} from "./findings";
import { describeRequest, gradeLabel, inputBlock, normalized, systemPrompt } from "./prompt";
import { clip } from "./text";

export const reviewInputSchema = z.object({
  request: generateRequestSchema,
  lesson: lessonDraftSchema.nullable(),
  quiz: quizDraftSchema.nullable(),
  terrain: terrainSpecSchema.nullable(),
  scripts: scriptBundleSchema.nullable(),
  standards: standardsAlignmentSchema.nullable(),
  revised: z.array(z.enum(["content", "quiz", "terrain", "script"])),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

const WHAT: Record<RevisableAgent, string> = {
  content: "lesson",
  quiz: "quiz",
  terrain: "lab's terrain and stations",
  script: "lab's scripts",
};

/** Whether the input has the draft an agent wrote (so it can be sent back). */
export function hasDraft(input: ReviewInput, agent: RevisableAgent): boolean {
  switch (agent) {
    case "content":
      return input.lesson !== null;
    case "quiz":
      return input.quiz !== null;
    case "terrain":
      return input.terrain !== null;
    case "script":
      return input.scripts !== null;
  }
}

/** Every heuristic finding on the input's drafts, tagged with the agent that can fix it. */
export function reviewFindings(input: ReviewInput): AgentFinding[] {
  const { request } = input;
  const out: AgentFinding[] = [];
  if (input.lesson) out.push(...lessonFindings(input.lesson, request));
  if (input.quiz) out.push(...quizFindings(input.quiz, request));
  if (input.terrain) out.push(...terrainFindings(input.terrain, input.quiz, request));
  if (input.scripts) out.push(...scriptFindings(input.scripts, request));
  if (input.standards) out.push(...standardsFindings(input.standards));
  return out;
}

const RANK = { blocker: 0, warning: 1, info: 2 } as const;

function draftReport(input: ReviewInput): ReviewReport {
  const all = reviewFindings(input);
  const sendable = (f: AgentFinding): f is AgentFinding & { agent: RevisableAgent } =>
    f.agent !== null && isSerious(f.finding) && hasDraft(input, f.agent) && !input.revised.includes(f.agent);
  const candidates = all.filter(sendable);
  let target: RevisableAgent | null = null;
  for (const severity of ["blocker", "warning"] as const) {
    const agent = revisableAgents.find((a) => candidates.some((f) => f.agent === a && f.finding.severity === severity));
    if (agent) {
      target = agent;
      break;
    }
  }
  const findings = [...all]
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.finding.severity] - RANK[b.f.finding.severity] || a.i - b.i)
    .slice(0, 40)
    .map(({ f }) => f.finding);
  const serious = all.filter((f) => isSerious(f.finding));
  const checked = [
    input.lesson && "lesson",
    input.quiz && "quiz",
    input.terrain && "lab",
    input.scripts && "scripts",
    input.standards && "standards",
  ].filter((p): p is string => typeof p === "string");
  const audience = gradeLabel(input.request.gradeLevel);

  if (target) {
    const own = candidates.filter((f) => f.agent === target);
    const instructions = clip(`Revise the ${WHAT[target]}: ${own.map((f) => f.finding.message).join(" ")}`, 2000);
    return {
      verdict: "revise",
      summary: clip(
        `Checked the ${checked.join(", ")} for ${audience}: ${serious.length} problem${serious.length === 1 ? "" : "s"} found. The ${WHAT[target]} goes back once to fix ${own.length === 1 ? "it" : "them"}.`,
        2000,
      ),
      findings,
      revise: { agent: target, instructions },
    };
  }
  const remaining = serious.length;
  return {
    verdict: "approved",
    summary: clip(
      remaining > 0
        ? `Approved for ${audience} after revision of the ${input.revised.map((a) => WHAT[a]).join(", ")}; ${remaining} remaining warning${remaining === 1 ? "" : "s"} listed for the teacher to check.`
        : `Approved: the ${checked.join(", ")} passed the age, accuracy, accessibility and privacy checks for ${audience}.`,
      2000,
    ),
    findings,
    revise: null,
  };
}

export const review = {
  name: "review",
  description: "Reviews the drafts for age-appropriateness, accuracy, accessibility and privacy",
  inputSchema: reviewInputSchema,
  outputSchema: reviewReportSchema,
  prompt(input: ReviewInput) {
    const system = systemPrompt("a careful reviewer of classroom materials for children (K-12) and adult learners", [
      "Check four things. age: content, words and examples suit the audience. accuracy: facts and answer keys are right, quiz explanations explain the key, numbers add up (section minutes, question count), quiz stations point at real questions, scripts are valid Lua 5.1. accessibility: reading level fits the requested level, headings are present, every question has an explanation, station prompts are not empty, a client script shows station text on screen. privacy: nothing asks students for personal information (full name, address, phone, email, birthday, photos), no email addresses or phone numbers, only https links, no HttpService.",
      'Each finding names its severity ("info", "warning", "blocker"), category, the part it is about ("lesson", "quiz" or "environment") and a specific message saying what to change.',
      `Set verdict "revise" only when a warning or blocker can be fixed by one agent whose draft is in the input and which is not listed in "revised" ("content" for the lesson, "quiz", "terrain" for stations and layout, "script" for scripts); name exactly that agent with clear instructions. Otherwise set verdict "approved" and revise to null.`,
    ]);
    const lines = [`Review the drafts in the input for ${gradeLabel(input.request.gradeLevel)}.`];
    if (input.revised.length > 0) lines.push(`Already revised (do not send back again): ${input.revised.join(", ")}.`);
    const user = [...lines, "", describeRequest(input.request)].join("\n");
    return { system, user: user + inputBlock(input) };
  },
  check(output: ReviewReport, input: ReviewInput) {
    const problems: string[] = [];
    if (output.verdict === "approved" && output.revise !== null) {
      problems.push('An "approved" review must have revise set to null');
    }
    if (output.verdict === "revise") {
      if (!output.revise) {
        problems.push('A "revise" review must name the agent to revise and its instructions');
      } else {
        if (!hasDraft(input, output.revise.agent)) {
          problems.push(
            `revise.agent "${output.revise.agent}" has no draft in this task; name an agent whose draft was reviewed`,
          );
        }
        if (input.revised.includes(output.revise.agent)) {
          problems.push(
            `revise.agent "${output.revise.agent}" was already revised once; approve instead or name another agent`,
          );
        }
      }
    }
    return problems;
  },
  offline: (input: ReviewInput) => draftReport(normalized(reviewInputSchema, input)),
} satisfies AgentDefinition<ReviewInput, ReviewReport>;
