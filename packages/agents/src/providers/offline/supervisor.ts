// The supervisor's offline draft: the outline (title, summary, objectives fitted to the grade, the
// key vocabulary) and the steps the request needs.
import type { AgentName, GenerateRequest, Outline } from "@toolboxai/validators";
import { gradeLabel, gradeNumber } from "../../agents/prompt";
import { proposedAgents, type SupervisorInput, supervisorInputSchema } from "../../agents/supervisor";
import { definitionOf, glossaryOf } from "./glossary";
import { normalized, topicDefinition, topicInfo } from "./kit";
import { clip } from "./text";

/** "Kindergarten", "Grade 7", "Higher Education": the grade as an outline's title names it. */
function gradeTitle(grade: GenerateRequest["gradeLevel"]): string {
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

/** The supervisor's offline answer. */
export function offlineSupervisor(input: SupervisorInput): Outline {
  return draftOutline(normalized(supervisorInputSchema, input));
}
