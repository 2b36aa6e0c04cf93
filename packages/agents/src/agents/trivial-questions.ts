// Questions whose answer is given away by their own stem: a short answer or a correct option that
// the prompt already spells out, or a true-or-false statement that only says the topic belongs to
// its subject ("True or false: Plate tectonics is part of Science"). Such a question checks
// nothing, so the reviewer flags it (the offline reviewer's findings, and the review agent's
// check on a real model's report) and the offline quiz never writes one.
import type { GenerateRequest, QuestionData, QuizDraft } from "@toolboxai/validators";

/** Lower case, letters and digits only, single spaces: how stems and answers are compared. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** Whether `answer` appears in `stem` as whole words (answers under 3 letters are too common to tell). */
function spelledOut(stem: string, answer: string): boolean {
  const a = words(answer);
  return a.trim().length >= 3 && words(stem).includes(a);
}

/** Words that say nothing about the topic: what is left of "X is part of <subject>" once X and the subject go. */
const FILLER = new Set(
  (
    "true false or not no is are was a an the part parts of in about to topic topics subject subjects studied study " +
    "we you learn learned learning lesson lessons this that it one kind type branch area field class unit idea ideas " +
    "belongs belong related relates something thing things important key"
  ).split(" "),
);

/**
 * Whether a true-or-false statement only restates the request: once the topic's and the subject's
 * words are taken out, nothing but filler is left.
 */
function restatesRequest(prompt: string, request: Pick<GenerateRequest, "topic" | "subject">): boolean {
  let rest = words(prompt);
  for (const phrase of [request.topic, request.subject]) {
    const p = words(phrase);
    if (p.trim()) rest = rest.split(p).join(" ");
  }
  const left = rest.split(" ").filter((w) => w && !FILLER.has(w));
  return left.length === 0;
}

/** Why the question's answer is given by its stem, or null when it is not. */
export function answerGivenByStem(
  question: QuestionData,
  request: Pick<GenerateRequest, "topic" | "subject">,
): string | null {
  switch (question.type) {
    case "SHORT_ANSWER": {
      const given = question.answer.accepted.find((a) => spelledOut(question.prompt, a));
      return given ? `its accepted answer "${given}" is written in the question` : null;
    }
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const correct = question.options.filter((o) => question.answer.correct.includes(o.id));
      const wrong = question.options.filter((o) => !question.answer.correct.includes(o.id));
      const given = correct.find((o) => spelledOut(question.prompt, o.text));
      // A stem that names a wrong option too ("Which is larger, 3 or 5?") gives nothing away.
      if (!given || wrong.some((o) => spelledOut(question.prompt, o.text))) return null;
      return `its correct option "${given.text}" is written in the question`;
    }
    case "TRUE_FALSE":
      return restatesRequest(question.prompt, request)
        ? "it only says the topic belongs to its subject, which the quiz's title already tells students"
        : null;
    case "NUMERIC":
      return null;
  }
}

/** The questions (1-based numbers) whose answer is given by their stem, with why. */
export function trivialQuestions(
  quiz: Pick<QuizDraft, "questions">,
  request: Pick<GenerateRequest, "topic" | "subject">,
): { number: number; reason: string }[] {
  return quiz.questions.flatMap((q, i) => {
    const reason = answerGivenByStem(q, request);
    return reason ? [{ number: i + 1, reason }] : [];
  });
}
