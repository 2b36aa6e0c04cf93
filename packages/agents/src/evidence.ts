// The evidence panel's data: which step made each item, what the reviewer found, the standards it
// claims, and two automatic checks (answer keys, scripts).
//
// The checks run twice. `buildEvidence` runs them when the task finishes, on the drafts that were
// just saved; on their own they could hardly fail, since every draft already passed its agent's
// schema. What matters is the item as it is NOW, after a teacher's edits: `currentEvidence` runs
// the same checks again on the saved content (the quiz's questions in the bank, the environment's
// body), so the panel reports the item the teacher is about to publish, not the original draft.
//
// What can actually go wrong in saved content:
// - Scripts: saving an environment validates its body against `robloxEnvironmentSchema`, which
//   checks a script's name, kind and length but does not parse its source. A teacher's edit can
//   therefore save a script that no longer parses; the script check reports it by name and line.
// - Answer keys: saving a question (`questions.update`, `content.update` for an environment's
//   checkpoints) validates its key with `questionSchema`, so the app's own forms cannot store an
//   invalid key. The check still reads the stored rows as `unknown` and validates them for real:
//   a row written before a rule existed, by an import or by hand is reported, and the counts follow
//   the quiz as saved (questions removed from it, or none left at all).
import type { ScopedDatabase } from "@toolboxai/db";
import {
  type GenerationPart,
  questionSchema,
  type ReviewFinding,
  type StandardsAlignment,
  type TaskResult,
} from "@toolboxai/validators";
import { z } from "zod";
import { checkLuau } from "./luau";
import type { Drafts, MaterializedItem } from "./task-types";

type ResultItem = TaskResult["items"][number];
export type AnswerKeyCheck = NonNullable<ResultItem["answerKeyCheck"]>;
export type ScriptCheck = NonNullable<ResultItem["scriptCheck"]>;

/** What a generated item holds now, as saved (its stored JSON, not trusted to match a type). */
export type SavedItem =
  | { type: "LESSON" }
  | { type: "QUIZ"; questions: readonly unknown[] }
  | { type: "ENVIRONMENT"; body: unknown };

export const EMPTY_QUIZ_PROBLEM = "The quiz has no questions: add at least one before assigning it.";

/**
 * Validates each question's answer key with the teaching core's rules. The questions are taken as
 * `unknown` on purpose: they come from JSON columns, and a type would only claim they are valid.
 */
export function checkAnswerKeys(questions: readonly unknown[]): AnswerKeyCheck {
  const problems: string[] = [];
  let valid = 0;
  questions.forEach((question, i) => {
    // Tags are not part of the answer key; a stored tag list is not this check's business.
    const keyed = question !== null && typeof question === "object" ? { ...(question as object), tags: [] } : question;
    const parsed = questionSchema.safeParse(keyed);
    if (parsed.success) {
      valid += 1;
      return;
    }
    const issues = parsed.error.issues.map((x) =>
      x.path.length > 0 ? `${x.message} (at ${x.path.join(".")})` : x.message,
    );
    problems.push(`Question ${i + 1}: ${issues.join("; ")}`);
  });
  if (questions.length === 0) problems.push(EMPTY_QUIZ_PROBLEM);
  return { checked: questions.length, valid, problems };
}

/** Parses every script as Lua 5.1 (the Luau subset the scripts are written in). */
export function checkScripts(scripts: readonly { name: string; source: string }[]): ScriptCheck {
  const problems: string[] = [];
  for (const script of scripts) {
    const parsed = checkLuau(script.source);
    if (!parsed.ok) problems.push(`${script.name}: ${parsed.error}`);
  }
  return { checked: scripts.length, parsed: scripts.length - problems.length, problems };
}

/** Only what the script check reads of an environment's body: each script's name and source. */
const savedScriptsSchema = z.object({
  scripts: z.array(z.object({ name: z.string(), source: z.string() })),
});

/** The script check of a saved environment body; a body whose scripts can't be read is a problem too. */
export function checkEnvironmentScripts(body: unknown): ScriptCheck {
  const parsed = savedScriptsSchema.safeParse(body);
  if (!parsed.success) {
    return {
      checked: 0,
      parsed: 0,
      problems: ["The environment's scripts could not be read: open it in the editor, fix it and save it."],
    };
  }
  return checkScripts(parsed.data.scripts);
}

function standardsFor(part: GenerationPart, alignment: StandardsAlignment | null) {
  return (alignment?.alignments ?? [])
    .filter((a) => a.coveredBy.includes(part))
    .map((a) => ({ code: a.code, strength: a.strength, evidence: a.evidence }));
}

function findingsFor(part: GenerationPart, findings: ReviewFinding[]) {
  return findings.filter((f) => f.part === part);
}

/**
 * The evidence panel's data when the task finishes, computed from the drafts themselves rather
 * than taken from the model's word: the answer keys are re-validated and every script is parsed.
 * Read it through `currentEvidence` afterwards, so a teacher's later edits are checked too.
 */
export function buildEvidence(drafts: Drafts, items: MaterializedItem[]): TaskResult {
  const findings = drafts.review?.findings ?? [];
  return {
    items: items.map((item) => {
      const source = drafts.sourceSteps[item.part] ?? { step: item.part, agent: "supervisor" as const };
      return {
        part: item.part,
        contentId: item.contentId,
        type: item.type,
        title: item.title,
        step: source.step,
        agent: source.agent,
        findings: findingsFor(item.part, findings),
        answerKeyCheck: item.part === "quiz" && drafts.quiz ? checkAnswerKeys(drafts.quiz.questions) : null,
        scriptCheck: item.part === "environment" && drafts.scripts ? checkScripts(drafts.scripts.scripts) : null,
        standards: standardsFor(item.part, drafts.standards),
      };
    }),
    review: drafts.review
      ? { verdict: drafts.review.verdict, summary: drafts.review.summary, revised: drafts.revised }
      : null,
  };
}

/**
 * The evidence with its checks run again on each item's saved content. An item with nothing
 * saved to check (deleted, or of another type than the result says) keeps the checks it had.
 */
export function recheckEvidence(result: TaskResult, saved: ReadonlyMap<string, SavedItem>): TaskResult {
  return {
    ...result,
    items: result.items.map((item) => {
      const now = saved.get(item.contentId);
      if (!now || now.type !== item.type) return item;
      if (now.type === "QUIZ") return { ...item, answerKeyCheck: checkAnswerKeys(now.questions) };
      if (now.type === "ENVIRONMENT") return { ...item, scriptCheck: checkEnvironmentScripts(now.body) };
      return item;
    }),
  };
}

/**
 * Reads what the result's items hold now: each quiz's questions (in order, removed ones left out)
 * and each environment's body. Soft-deleted items are left out. `db` is the organization's.
 */
export async function loadSavedItems(
  db: ScopedDatabase,
  items: readonly Pick<ResultItem, "contentId">[],
): Promise<Map<string, SavedItem>> {
  const ids = [...new Set(items.map((i) => i.contentId))];
  const saved = new Map<string, SavedItem>();
  if (ids.length === 0) return saved;
  const rows = await db.contentItem.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: { id: true, type: true, body: true },
  });
  const quizIds = rows.filter((r) => r.type === "QUIZ").map((r) => r.id);
  const links =
    quizIds.length === 0
      ? []
      : await db.quizQuestion.findMany({
          where: { quizId: { in: quizIds }, question: { deletedAt: null } },
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            quizId: true,
            question: {
              select: { type: true, prompt: true, options: true, answer: true, points: true, explanation: true },
            },
          },
        });
  for (const row of rows) {
    if (row.type === "LESSON") saved.set(row.id, { type: "LESSON" });
    if (row.type === "ENVIRONMENT") saved.set(row.id, { type: "ENVIRONMENT", body: row.body });
    if (row.type === "QUIZ") {
      const questions = links.filter((l) => l.quizId === row.id).map((l) => l.question);
      saved.set(row.id, { type: "QUIZ", questions });
    }
  }
  return saved;
}

/** The evidence as the review screen should show it: the stored result, checked against the items as saved now. */
export async function currentEvidence(db: ScopedDatabase, result: TaskResult): Promise<TaskResult> {
  return recheckEvidence(result, await loadSavedItems(db, result.items));
}
