// The supervisor: reads the teacher's request, writes the outline every other agent works from,
// and proposes the steps (only the agents the requested parts need, the review always last). Its
// offline draft is in src/providers/offline/supervisor.ts.
import {
  type AgentName,
  type GenerateRequest,
  generateRequestSchema,
  type Outline,
  outlineSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { AgentSpec } from "../types";
import { describeRequest, inputBlock, systemPrompt } from "./prompt";

export const supervisorInputSchema = z.object({ request: generateRequestSchema });
export type SupervisorInput = z.infer<typeof supervisorInputSchema>;

/** The agents a request needs after the supervisor, in the order they run; review is always last. */
export function proposedAgents(request: Pick<GenerateRequest, "parts" | "standards">): AgentName[] {
  const agents: AgentName[] = [];
  if (request.parts.includes("lesson")) agents.push("content");
  if (request.parts.includes("quiz")) agents.push("quiz");
  if (request.parts.includes("environment")) agents.push("terrain", "script");
  if (request.standards.length > 0) agents.push("standards");
  agents.push("review");
  return agents;
}

export const supervisor = {
  name: "supervisor",
  description: "Outlines the lesson's objectives and vocabulary and plans which agents run",
  inputSchema: supervisorInputSchema,
  outputSchema: outlineSchema,
  prompt(input: SupervisorInput) {
    const system = systemPrompt("the lead curriculum planner", [
      "Write 3 to 5 measurable learning objectives that start with a verb and fit the grade level.",
      "List 3 to 8 key vocabulary terms with student-friendly definitions at the requested reading level.",
      'Propose steps only for the agents the request needs: "content" when the lesson is requested, "quiz" for the quiz, "terrain" and then "script" for the Roblox environment, "standards" only when standards are listed, and always "review" as the last step. Give each step a one-sentence purpose.',
    ]);
    const user = [
      "Plan this lesson for a teacher. Write a title, a short summary, the learning objectives, the key vocabulary and the steps the other agents should take.",
      "",
      describeRequest(input.request),
    ].join("\n");
    return { system, user: user + inputBlock(input) };
  },
  check(output: Outline, input: SupervisorInput) {
    const problems: string[] = [];
    const allowed = proposedAgents(input.request);
    const seen = new Set<AgentName>();
    output.steps.forEach((step, i) => {
      if (step.agent === "supervisor") {
        if (i !== 0) problems.push(`steps[${i}]: the supervisor can only be the first step`);
      } else if (!allowed.includes(step.agent)) {
        problems.push(
          `steps[${i}]: "${step.agent}" is not needed for this request (parts: ${input.request.parts.join(", ")}; standards: ${input.request.standards.length})`,
        );
      }
      if (seen.has(step.agent)) problems.push(`steps[${i}]: "${step.agent}" is listed twice`);
      seen.add(step.agent);
    });
    if (output.steps.at(-1)?.agent !== "review") problems.push('The last step must be "review"');
    return problems;
  },
} satisfies AgentSpec<SupervisorInput, Outline>;
