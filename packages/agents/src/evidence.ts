import {
  type GenerationPart,
  questionSchema,
  type ReviewFinding,
  type StandardsAlignment,
  type TaskResult,
} from "@toolboxai/validators";
import { checkLuau } from "./luau";
import type { Drafts, MaterializedItem } from "./pipeline";

function standardsFor(part: GenerationPart, alignment: StandardsAlignment | null) {
  return (alignment?.alignments ?? [])
    .filter((a) => a.coveredBy.includes(part))
    .map((a) => ({ code: a.code, strength: a.strength, evidence: a.evidence }));
}

function findingsFor(part: GenerationPart, findings: ReviewFinding[]) {
  return findings.filter((f) => f.part === part);
}

/**
 * The evidence panel's data, computed from the drafts themselves rather than taken from the
 * model's word: the answer keys are re-validated and every script is parsed again.
 */
export function buildEvidence(drafts: Drafts, items: MaterializedItem[]): TaskResult {
  const findings = drafts.review?.findings ?? [];
  return {
    items: items.map((item) => {
      const source = drafts.sourceSteps[item.part] ?? { step: item.part, agent: "supervisor" as const };
      let answerKeyCheck: TaskResult["items"][number]["answerKeyCheck"] = null;
      if (item.part === "quiz" && drafts.quiz) {
        const problems: string[] = [];
        drafts.quiz.questions.forEach((q, i) => {
          const parsed = questionSchema.safeParse(q);
          if (!parsed.success) {
            problems.push(`Question ${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
          }
        });
        const checked = drafts.quiz.questions.length;
        answerKeyCheck = { checked, valid: checked - problems.length, problems };
      }
      let scriptCheck: TaskResult["items"][number]["scriptCheck"] = null;
      if (item.part === "environment" && drafts.scripts) {
        const problems: string[] = [];
        for (const script of drafts.scripts.scripts) {
          const parsed = checkLuau(script.source);
          if (!parsed.ok) problems.push(`${script.name}: ${parsed.error}`);
        }
        const checked = drafts.scripts.scripts.length;
        scriptCheck = { checked, parsed: checked - problems.length, problems };
      }
      return {
        part: item.part,
        contentId: item.contentId,
        type: item.type,
        title: item.title,
        step: source.step,
        agent: source.agent,
        findings: findingsFor(item.part, findings),
        answerKeyCheck,
        scriptCheck,
        standards: standardsFor(item.part, drafts.standards),
      };
    }),
    review: drafts.review
      ? { verdict: drafts.review.verdict, summary: drafts.review.summary, revised: drafts.revised }
      : null,
  };
}
