// The supervisor: reads the teacher's request, writes the outline every other agent works from,
// and proposes the steps (only the agents the requested parts need, the review always last).
import {
  type AgentName,
  type GenerateRequest,
  generateRequestSchema,
  type Outline,
  outlineSchema,
} from "@toolboxai/validators";
import { z } from "zod";
import type { AgentDefinition } from "../types";
import { definitionOf, glossaryOf, topicDefinition, topicInfo } from "./kit";
import { describeRequest, gradeLabel, gradeNumber, inputBlock, normalized, systemPrompt } from "./prompt";
import { clip } from "./text";

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

export function gradeTitle(grade: GenerateRequest["gradeLevel"]): string {
  if (grade === "K") return "Kindergarten";
  if (grade === "Higher ed") return "Higher Education";
  if (grade === "Adult") return "Adult";
  return `Grade ${grade}`;
}

function verbs(grade: number): [string, string, string] {
  if (grade <= 2) return ["Tell", "Use", "Show"];
  if (grade <= 5) return ["Describe", "Use", "Explain"];
  if (grade <= 8) return ["Explain", "Use", "Apply"];
  return ["Analyze", "Use", "Evaluate"];
}

function draftOutline(input: SupervisorInput): Outline {
  const { request } = input;
  const info = topicInfo(request);
  const grade = gradeNumber(request.gradeLevel);
  const [v1, v2, v3] = verbs(grade);
  const glossary = glossaryOf(info.domain).slice(0, 4);
  const terms = glossary.map((g) => g.term);
  const definition = topicDefinition(info, "standard");

  const objectives = [
    `${v1} what ${info.term} is and why it matters in ${request.subject}.`,
    `${v2} the words ${terms.slice(0, 3).join(", ")} to talk about ${info.term}.`,
  ];
  if (request.parts.includes("environment")) {
    objectives.push(`${v3} ideas about ${info.term} at learning stations in a Roblox lab.`);
  } else {
    objectives.push(`${v3} ideas about ${info.term} in a hands-on activity.`);
  }
  if (request.parts.includes("quiz")) {
    objectives.push(`Show understanding of ${info.term} on a ${request.questionCount}-question quiz.`);
  }
  if (request.standards.length > 0) {
    objectives.push(`Work toward ${request.standards.slice(0, 4).join(", ")}.`);
  }

  const activities: string[] = [];
  if (request.parts.includes("lesson")) activities.push("a teacher-led lesson with guided practice");
  if (request.parts.includes("quiz")) activities.push(`a ${request.questionCount}-question quiz with an answer key`);
  if (request.parts.includes("environment"))
    activities.push("a Roblox lab with information, experiment and quiz stations");

  const summary = [
    `A ${request.durationMinutes}-minute ${request.subject} lesson on ${info.term} for ${gradeLabel(request.gradeLevel)}.`,
    definition ? `${info.Term}: ${definition}` : "",
    `Students meet the idea through ${activities.join(", ")}.`,
    request.standards.length > 0 ? `Aligned to ${request.standards.join(", ")}.` : "",
    info.notes ? `Teacher's notes: ${info.notes}` : "",
  ]
    .filter(Boolean)
    .join(" ");

  const vocabulary = [
    ...(definition ? [{ term: clip(info.Term, 80), definition: clip(definition, 400) }] : []),
    ...glossary.map((g) => ({ term: g.term, definition: definitionOf(g, info.style) })),
  ];

  const purposes: Record<AgentName, string> = {
    supervisor: "Outline the lesson",
    content: `Write the ${request.durationMinutes}-minute lesson on ${info.term}, section by section`,
    quiz: `Write ${request.questionCount} quiz questions on ${info.term} with an answer key`,
    terrain: `Design a Roblox lab about ${info.term} with learning stations`,
    script: "Write the Luau scripts that run the lab's stations",
    standards: `Show how the drafts meet ${request.standards.join(", ")}`,
    review: "Check age, accuracy, accessibility and privacy before the teacher sees it",
  };

  return {
    title: clip(`${info.Term}: ${gradeTitle(request.gradeLevel)} ${request.subject}`, 200),
    summary: clip(summary, 2000),
    objectives: objectives.slice(0, 8).map((o) => clip(o, 300)),
    vocabulary,
    steps: proposedAgents(request).map((agent) => ({ agent, purpose: clip(purposes[agent], 300) })),
  };
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
  offline: (input: SupervisorInput) => draftOutline(normalized(supervisorInputSchema, input)),
} satisfies AgentDefinition<SupervisorInput, Outline>;
