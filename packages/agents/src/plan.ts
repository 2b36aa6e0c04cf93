import type { AgentName, GenerateRequest, GenerationPart, Outline } from "@toolboxai/validators";

export interface PlanStep {
  /** Unique within a task: the agent's name, or `<agent>.revision` / `review.final` after a review. */
  step: string;
  agent: AgentName;
  purpose: string;
}

const DEFAULT_PURPOSE: Record<AgentName, string> = {
  supervisor: "Outline the objectives and plan the steps",
  content: "Write the lesson sections",
  quiz: "Write the quiz with its answer key",
  terrain: "Design the Roblox terrain and learning stations",
  script: "Write the stations' Luau scripts",
  standards: "Align the drafts to the chosen standards",
  review: "Review for age, accuracy, accessibility and privacy",
};

/** Which agents a request needs, in the order they run (later agents read earlier drafts). */
export function requiredAgents(request: Pick<GenerateRequest, "parts" | "standards">): AgentName[] {
  const wanted = new Set<GenerationPart>(request.parts);
  const agents: AgentName[] = ["supervisor"];
  if (wanted.has("lesson")) agents.push("content");
  if (wanted.has("quiz")) agents.push("quiz");
  if (wanted.has("environment")) agents.push("terrain", "script");
  if (request.standards.length > 0) agents.push("standards");
  agents.push("review");
  return agents;
}

/**
 * The plan the task runs: the supervisor proposes steps and their purposes, but a request chooses
 * which steps run, so the proposal is fitted to the request (unrequested agents dropped, missing
 * ones added, dependency order kept). A model cannot make the pipeline skip the review.
 */
export function fitPlan(request: Pick<GenerateRequest, "parts" | "standards">, outline: Outline | null): PlanStep[] {
  const proposed = new Map<AgentName, string>();
  for (const s of outline?.steps ?? []) if (!proposed.has(s.agent)) proposed.set(s.agent, s.purpose);
  return requiredAgents(request).map((agent) => ({
    step: agent,
    agent,
    purpose: agent === "supervisor" ? DEFAULT_PURPOSE.supervisor : (proposed.get(agent) ?? DEFAULT_PURPOSE[agent]),
  }));
}

/** The steps a review's revision adds: the agent again, with the findings, then a final review. */
export function revisionSteps(agent: AgentName, instructions: string): PlanStep[] {
  return [
    { step: `${agent}.revision`, agent, purpose: `Revise: ${instructions}`.slice(0, 300) },
    { step: "review.final", agent: "review", purpose: "Review the revised draft" },
  ];
}

/**
 * The task's `currentStep` while its drafts are saved. The pipeline claims it only while no cancel
 * is requested, and a cancel is refused once it is claimed, so a task either stops with nothing
 * saved or finishes with everything saved.
 */
export const SAVE_STEP = "save";

/** Progress out of 100: finished steps over all steps, plus one step for saving the drafts. */
export function progressOf(finishedSteps: number, plannedSteps: number): number {
  const total = plannedSteps + 1;
  return Math.max(0, Math.min(99, Math.floor((finishedSteps / total) * 100)));
}
