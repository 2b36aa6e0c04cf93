// The review agent's offline draft: the reviewer's heuristics (./findings.ts) run on every draft,
// and the verdict built from them. No language model reads the drafts, and the summary says so.
import type { ReviewReport } from "@toolboxai/validators";
import { gradeLabel } from "../../agents/prompt";
import {
  hasDraft,
  type ReviewInput,
  type RevisableAgent,
  reviewInputSchema,
  revisableAgents,
} from "../../agents/review";
import {
  type AgentFinding,
  isSerious,
  lessonFindings,
  quizFindings,
  scriptFindings,
  standardsFindings,
  terrainFindings,
} from "./findings";
import { normalized } from "./kit";
import { clip } from "./text";

/** How every offline review's summary starts: its checks are heuristics, not a model's reading. */
export const OFFLINE_REVIEW_NOTE = "Offline review: heuristic checks (no language model).";

const WHAT: Record<RevisableAgent, string> = {
  content: "lesson",
  quiz: "quiz",
  terrain: "lab's terrain and stations",
  script: "lab's scripts",
};

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
        `${OFFLINE_REVIEW_NOTE} Checked the ${checked.join(", ")} for ${audience}: ${serious.length} problem${serious.length === 1 ? "" : "s"} found. The ${WHAT[target]} goes back once to fix ${own.length === 1 ? "it" : "them"}.`,
        2000,
      ),
      findings,
      revise: { agent: target, instructions },
    };
  }
  const remaining = serious.length;
  const verdict =
    remaining > 0
      ? `Approved for ${audience} after revision of the ${input.revised.map((a) => WHAT[a]).join(", ")}; ${remaining} remaining warning${remaining === 1 ? "" : "s"} listed for the teacher to check.`
      : `Approved: the ${checked.join(", ")} passed the age, accuracy, accessibility and privacy checks for ${audience}.`;
  return {
    verdict: "approved",
    summary: clip(`${OFFLINE_REVIEW_NOTE} ${verdict}`, 2000),
    findings,
    revise: null,
  };
}

/** The review agent's offline answer. */
export function offlineReview(input: ReviewInput): ReviewReport {
  return draftReport(normalized(reviewInputSchema, input));
}
