// The quiz agent's offline drafts: the first quiz (the requested count, mixing the five question
// types) and its revision when the reviewer sends it back.
import { type GenerateRequest, type LessonDraft, type QuizDraft, quizDraftSchema } from "@toolboxai/validators";
import { type QuizInput, quiz, quizInputSchema } from "../../agents/quiz";
import { answerGivenByStem } from "../../agents/trivial-questions";
import { clean, quizFindings } from "./findings";
import { normalized, pick, topicInfo } from "./kit";
import { context, type Question, question } from "./quiz-questions";
import { clip, scrubText } from "./text";

/**
 * `count` questions in the usual mix of types, skipping any that repeat an earlier prompt or give
 * their answer away in the stem (the reviewer's check), so the draft has no filler to approve.
 */
function distinctQuestions(ctx: ReturnType<typeof context>, count: number): Question[] {
  const kept: Question[] = [];
  const fallback: Question[] = [];
  const seen = new Set<string>();
  for (let i = 0; kept.length < count && i < count * 5 + 10; i++) {
    const q = question(ctx, i);
    const key = q.prompt.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (answerGivenByStem(q, ctx.request)) fallback.push(q);
    else kept.push(q);
  }
  // Never reached with the built-in banks; a quiz must still have the requested count.
  return [...kept, ...fallback].slice(0, count);
}

export function draftQuiz(
  request: GenerateRequest,
  lesson: LessonDraft | null,
  count = request.questionCount,
): QuizDraft {
  const ctx = context(request, lesson);
  const questions = distinctQuestions(ctx, count);
  return quizDraftSchema.parse({
    title: clip(`${ctx.info.Term}: Quiz`, 200),
    instructions: pick(ctx.info.style, {
      simple: `There are ${count} questions. Read each one. Pick or write the best answer. Ask for help if you need it.`,
      standard: `Answer all ${count} questions. For "select all that apply" questions, choose every correct option. Numeric answers are whole numbers.`,
      rich: `Answer all ${count} questions. For "select all that apply" questions, choose every correct option; numeric answers are whole numbers. Read each explanation after you submit.`,
    }),
    questions,
  });
}

function explain(q: Question): string {
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return `Correct: ${q.options
        .filter((o) => q.answer.correct.includes(o.id))
        .map((o) => o.text)
        .join(" and ")}.`;
    case "TRUE_FALSE":
      return `The statement is ${q.answer.value ? "true" : "false"}.`;
    case "SHORT_ANSWER":
      return `Accepted answer: ${q.answer.accepted[0] ?? ""}.`;
    case "NUMERIC":
      return `The answer is ${q.answer.value}.`;
  }
}

/** Repairs one question from a previous draft, or returns null when it cannot be kept. */
function repair(q: Question, grade: number, exclude: string[]): Question | null {
  const prompt = scrubText(q.prompt, grade, exclude);
  if (prompt.trim() === "") return null;
  const optionsClean = q.options.every((o) => scrubText(o.text, grade, exclude) === o.text.trim());
  if (!optionsClean) return null;
  if (q.type === "SHORT_ANSWER" && q.answer.accepted.some((a) => scrubText(a, grade, exclude) !== a.trim()))
    return null;
  const explanation = scrubText(q.explanation ?? "", grade, exclude);
  const fixed: Question = { ...q, prompt, explanation: explanation.trim() === "" ? explain(q) : explanation };
  if (fixed.type === "NUMERIC" && !Number.isInteger(fixed.answer.value) && fixed.answer.tolerance === 0) {
    const tolerance = Math.max(0.01, Math.round(Math.abs(fixed.answer.value) * 0.01 * 1000) / 1000);
    return { ...fixed, answer: { ...fixed.answer, tolerance } };
  }
  return fixed;
}

/**
 * A revision: keeps the previous questions that can be repaired (explanations added, tolerances
 * set, sentences with privacy or age problems removed), drops repeats, then tops up or trims to
 * the requested count. Falls back to a fresh draft when the result would still not pass review.
 */
export function reviseQuiz(input: QuizInput & { revision: NonNullable<QuizInput["revision"]> }): QuizDraft {
  const { request, lesson, revision } = input;
  const info = topicInfo(request);
  const exclude = [request.topic];
  const seen = new Set<string>();
  const kept: Question[] = [];
  for (const q of revision.previous.questions) {
    const fixed = repair(q, info.grade, exclude);
    if (!fixed) continue;
    const key = fixed.prompt.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(fixed);
  }
  if (kept.length < request.questionCount) {
    for (const q of draftQuiz(request, lesson, 20).questions) {
      if (kept.length >= request.questionCount) break;
      const key = q.prompt.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(q);
    }
  }
  const candidate = quizDraftSchema.safeParse({
    title: clip(scrubText(revision.previous.title, info.grade, exclude) || `${info.Term}: Quiz`, 200),
    instructions: clip(scrubText(revision.previous.instructions, info.grade, exclude), 5000),
    questions: kept.slice(0, request.questionCount),
  });
  if (
    candidate.success &&
    quiz.check(candidate.data, input).length === 0 &&
    clean(quizFindings(candidate.data, request))
  ) {
    return candidate.data;
  }
  return draftQuiz(request, lesson);
}

/** The quiz agent's offline answer: a revision when the reviewer sent the quiz back, else a first draft. */
export function offlineQuiz(raw: QuizInput): QuizDraft {
  const input = normalized(quizInputSchema, raw);
  if (input.revision) return reviseQuiz({ ...input, revision: input.revision });
  return draftQuiz(input.request, input.lesson);
}
