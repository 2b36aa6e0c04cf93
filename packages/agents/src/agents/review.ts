// The review agent: checks the drafts for age-appropriateness, accuracy, accessibility and privacy,
// and may send one drafting agent back (once) with its findings. Its offline draft (heuristic
// checks, no language model) is in src/providers/offline/review.ts.
import {
  type AgentName,
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
import type { AgentSpec } from "../types";
import { describeRequest, gradeLabel, inputBlock, systemPrompt } from "./prompt";
import { trivialQuestions } from "./trivial-questions";

/** The drafting agents the reviewer can send back, in the order it prefers to. */
export const revisableAgents = ["content", "quiz", "terrain", "script"] as const satisfies AgentName[];
export type RevisableAgent = (typeof revisableAgents)[number];

export const reviewInputSchema = z.object({
  request: generateRequestSchema,
  lesson: lessonDraftSchema.nullable(),
  quiz: quizDraftSchema.nullable(),
  terrain: terrainSpecSchema.nullable(),
  scripts: scriptBundleSchema.nullable(),
  standards: standardsAlignmentSchema.nullable(),
  revised: z.array(z.enum(revisableAgents)),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

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

export const review = {
  name: "review",
  description: "Reviews the drafts for age-appropriateness, accuracy, accessibility and privacy",
  inputSchema: reviewInputSchema,
  outputSchema: reviewReportSchema,
  prompt(input: ReviewInput) {
    const system = systemPrompt("a careful reviewer of classroom materials for children (K-12) and adult learners", [
      "Check four things. age: content, words and examples suit the audience. accuracy: facts and answer keys are right, no question gives its answer away in its stem (an accepted answer or correct option written in the question, or a statement that only says the topic belongs to its subject), quiz explanations explain the key, numbers add up (section minutes, question count), quiz stations point at real questions, scripts are valid Lua 5.1. accessibility: reading level fits the requested level, headings are present, every question has an explanation, station prompts are not empty, a client script shows station text on screen. privacy: nothing asks students for personal information (full name, address, phone, email, birthday, photos), no email addresses or phone numbers, only https links, no HttpService.",
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
    // A question that gives its answer away must not pass unremarked (a model tends to approve it).
    const trivial = input.quiz ? trivialQuestions(input.quiz, input.request) : [];
    const flagged = output.findings.some((f) => f.part === "quiz" && f.severity !== "info");
    if (trivial.length > 0 && !flagged) {
      const list = trivial.map((t) => `question ${t.number} (${t.reason})`).join("; ");
      problems.push(
        `These quiz questions give their answer away in the stem: ${list}. Add a "warning" finding on the quiz for them, and send the quiz back if it has not been revised yet`,
      );
    }
    return problems;
  },
} satisfies AgentSpec<ReviewInput, ReviewReport>;
