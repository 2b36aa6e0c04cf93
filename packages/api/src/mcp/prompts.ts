// The prompts a desktop assistant offers its user: "plan a unit" and "write a quiz for my class".
// Each is a user message that says what to do and which of our tools to do it with, so the
// client's model drafts through the tools (audited, counted in the budget, saved as drafts)
// rather than writing the material itself. Offered only when the key can call those tools.
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { GetPromptResult } from "@modelcontextprotocol/sdk/types.js";
import { gradeLevelSchema, idSchema, textSchema } from "@toolboxai/validators";
import { z } from "zod";

/** Prompt arguments arrive as strings (MCP's prompts/get): numbers are digits, checked here. */
const countOf = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,2}$/, `A number from ${min} to ${max}`)
    .refine((s) => Number(s) >= min && Number(s) <= max, `A number from ${min} to ${max}`);

const topicSchema = textSchema.trim().min(1, "Name a topic").max(200);

function userMessage(text: string): GetPromptResult {
  return { messages: [{ role: "user", content: { type: "text", text } }] };
}

export function planUnitText(args: { topic: string; gradeLevel?: string | undefined; weeks?: string | undefined }) {
  const weeks = args.weeks ?? "3";
  const grade = args.gradeLevel ? ` for grade ${args.gradeLevel}` : "";
  return [
    `Plan a ${weeks}-week unit on "${args.topic}"${grade} with the ToolboxAI tools.`,
    "1. Call search_content with the topic to find lessons and quizzes the school already has; open_content the most relevant ones.",
    "2. Outline the unit week by week: learning goals, one or two lessons a week, and a quiz at the end.",
    "3. For each lesson that does not exist yet, call draft_lesson with its topic and grade level; for the end-of-unit quiz, call draft_quiz.",
    "4. Drafting runs in the background: check each task with task_status until it is done.",
    "Finish with the outline and a link to every draft (the tools return them). Do not write lesson or quiz content yourself: draft it with the tools, so it is saved for review.",
  ].join("\n");
}

export function writeQuizText(args: { classId: string; topic: string; questionCount?: string | undefined }) {
  const count = args.questionCount ?? "5";
  return [
    `Write a ${count}-question quiz on "${args.topic}" for my class ${args.classId} with the ToolboxAI tools.`,
    `1. Call class_summary with classId "${args.classId}" to learn the class's grade level, subject and how it is doing (gradebook_summary shows where students struggle).`,
    `2. Call draft_quiz with the topic, the class's grade level and questionCount ${count}; aim the questions at what the class finds hard.`,
    "3. Drafting runs in the background: check the task with task_status until it is done, then open_content the draft.",
    "Finish with a summary of the quiz and its link. Do not write the questions yourself: draft them with the tools, so they are saved for review.",
  ].join("\n");
}

/** Registers the prompts whose tools the actor may call (`tools`: the names registered for it). */
export function registerPrompts(server: McpServer, tools: ReadonlySet<string>): number {
  let count = 0;
  if (tools.has("draft_lesson")) {
    server.registerPrompt(
      "plan_unit",
      {
        title: "Plan a unit",
        description: "Plan a unit of lessons on a topic and draft the lessons and an end-of-unit quiz.",
        argsSchema: {
          topic: topicSchema.describe("What the unit is about, e.g. Photosynthesis."),
          gradeLevel: gradeLevelSchema.optional().describe("The grade: K, 1 to 12, Higher ed or Adult."),
          weeks: countOf(1, 12).optional().describe("How many weeks the unit lasts (1 to 12; 3 by default)."),
        },
      },
      (args) => userMessage(planUnitText(args)),
    );
    count++;
  }
  if (tools.has("draft_quiz")) {
    server.registerPrompt(
      "write_quiz",
      {
        title: "Write a quiz for my class",
        description: "Draft a quiz on a topic, pitched at one of your classes.",
        argsSchema: {
          classId: idSchema.describe("The class's id (list_my_classes lists them)."),
          topic: topicSchema.describe("What the quiz is about."),
          questionCount: countOf(3, 20).optional().describe("How many questions (3 to 20; 5 by default)."),
        },
      },
      (args) => userMessage(writeQuizText(args)),
    );
    count++;
  }
  return count;
}
