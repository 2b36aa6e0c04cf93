// The tutor's answer guard: while a student has a quiz attempt open, every reply is checked
// against the answer keys of that attempt's questions before it is shown (./tutor-guard.ts), and a
// reply that gives an answer away is replaced by a Socratic hint.
//
// Matching works on words, not characters: both sides are lower-cased, stripped of accents and
// punctuation and cut into words and numbers, so "Paris", "PARÍS!!" and "paris," match while
// "comparison" does not, and numbers compare as numbers ("42.0" and "forty-two" are 42; "420" and
// "4.2" are not). An answer text is a leak wherever it appears, except when it says too little to
// tell on its own (true/false, a letter, "all of the above") or is already part of the question the
// student is reading: those leak only when the reply states them as the answer ("the answer is B",
// "that statement is true", "carbon dioxide is correct").
import type { QuestionType } from "@toolboxai/validators";
import { withinTolerance } from "../assignments/grading";
import type { ServiceContext } from "../context";

export interface AnswerKey {
  questionId: string;
  prompt: string;
  type: QuestionType;
  /**
   * The texts that would give the answer away: the correct options' texts, the accepted short
   * answers, the number, or the verdict of a true/false statement ("true", "not false").
   */
  answers: string[];
  /** The correct options' letters and positions ("b", "2"): a leak only when named as the answer ("option B"). */
  letters?: string[];
  /**
   * A choice question's other options: a reply that lists every option (as the question does)
   * names the correct one only by stating it as the answer.
   */
  distractors?: string[];
  /** A numeric question's key: any number the grader would accept gives the answer away. */
  numeric?: { value: number; tolerance: number } | null;
  explanation?: string | null;
}

// --- Words -----------------------------------------------------------------------------------

interface Token {
  /** The word, or a number's digits ("42", also for "forty-two"). */
  w: string;
  /** A number's value (null for a word). */
  n: number | null;
  /** A clause ends after this token (. , ; ! ? brackets, a new line). */
  end: boolean;
}

const TOKEN = /((?<![\p{L}\p{N}])-)?\d+(?:,\d{3})*(?:\.\d+)?|\p{L}+|[.,;!?()[\]\n]/gu;
const CLAUSE_END = /^[.,;!?()[\]\n]$/;

const UNITS = new Map(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "seventeen eighteen nineteen"
  )
    .split(" ")
    .map((w, i) => [w, i] as const),
);
const TENS = new Map(
  "twenty thirty forty fifty sixty seventy eighty ninety".split(" ").map((w, i) => [w, 20 + 10 * i] as const),
);

/** Case, accents and apostrophes go ("it's" is "its"); the unicode minus is a minus. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .replace(/−/g, "-");
}

const wordAt = (words: Token[], i: number) => (words[i]?.n === null ? words[i]?.w : undefined);

/** A number below 100 spelled out from words[i] ("forty two", "seven"), and where it ends. */
function below100(words: Token[], i: number, loneOne: boolean): [number, number] | null {
  const w = wordAt(words, i) ?? "";
  const tens = TENS.get(w);
  if (tens !== undefined) {
    const unit = words[i]?.end ? undefined : UNITS.get(wordAt(words, i + 1) ?? "");
    return unit !== undefined && unit >= 1 && unit <= 9 ? [tens + unit, i + 2] : [tens, i + 1];
  }
  const unit = UNITS.get(w);
  return unit !== undefined && (loneOne || w !== "one") ? [unit, i + 1] : null;
}

/** A number below 1000 spelled out from words[i] ("three hundred and five"), and where it ends. */
function spelledAt(words: Token[], i: number): [number, number] | null {
  const unit = UNITS.get(wordAt(words, i) ?? "");
  if (unit === undefined || unit < 1 || unit > 9 || words[i]?.end || wordAt(words, i + 1) !== "hundred") {
    return below100(words, i, false);
  }
  const hundreds = unit * 100;
  if (words[i + 1]?.end) return [hundreds, i + 2];
  const restAt = wordAt(words, i + 2) === "and" && !words[i + 2]?.end ? i + 3 : i + 2;
  const rest = below100(words, restAt, true);
  return rest ? [hundreds + rest[0], rest[1]] : [hundreds, i + 2];
}

/**
 * Spelled-out numbers below 1000 become numbers. A lone "one" stays a word: it is a pronoun far
 * more often than a number ("the one that floats").
 */
function spelledNumbers(words: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < words.length; ) {
    const spelled = spelledAt(words, i);
    if (spelled) {
      const [n, next] = spelled;
      out.push({ w: String(n), n, end: words[next - 1]?.end ?? false });
      i = next;
    } else {
      out.push(words[i] as Token);
      i += 1;
    }
  }
  return out;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const [m] of fold(text).matchAll(TOKEN)) {
    if (CLAUSE_END.test(m)) {
      const last = out.at(-1);
      if (last) last.end = true;
    } else if (/\d/.test(m)) {
      const n = Number(m.replace(/,/g, ""));
      out.push({ w: String(n), n, end: false });
    } else out.push({ w: m, n: null, end: false });
  }
  return spelledNumbers(out);
}

function sameToken(a: Token, b: Token): boolean {
  if (a.n !== null && b.n !== null) return Math.abs(a.n - b.n) <= 1e-9 * Math.max(1, Math.abs(a.n));
  return a.n === null && b.n === null && a.w === b.w;
}

/** Where `phrase` starts in `text`, as whole tokens (clause ends do not matter inside it). */
function occurrences(text: Token[], phrase: Token[]): number[] {
  const at: number[] = [];
  if (phrase.length === 0) return at;
  for (let i = 0; i + phrase.length <= text.length; i++) {
    if (phrase.every((p, k) => sameToken(text[i + k] as Token, p))) at.push(i);
  }
  return at;
}

// --- Stating an answer -----------------------------------------------------------------------

/**
 * Words that say too little on their own to be a signal: an answer made only of these (or one of
 * one or two letters, which is not a number) leaks only when stated as the answer. "True" and
 * "B" appear in ordinary sentences, and an option like "All of the above" would otherwise match
 * every time the tutor says "all of the above".
 */
const COMMON = new Set(
  (
    "a an the and or of to in on at for by with is are was be it this that these those yes no not none all one " +
    "both neither either above below true false any some each every other more less same different"
  ).split(" "),
);

const split = (phrases: string) => phrases.split("|").map((p) => p.split(" "));
/** Said just before an answer: "it's B", "that statement is true", "I'd go with B". */
const BEFORE = split(
  "its|it is|thats|that is|this is|statement is|claim is|sentence is|choose|pick|select|mark|circle|tick|go with",
);
/** Said just before a letter only: "option B", "choice C", "letter A". */
const BEFORE_LETTER = split("option|choice|letter");
/** Said just after an answer: "B is correct", "carbon dioxide is the answer". */
const AFTER = split(
  "is correct|is right|is the answer|is the correct answer|is the right answer|would be correct|is the correct one",
);
/** Words that may follow a stated one-word answer in the same clause: "the answer is true because". */
const CONNECTORS = new Set(["because", "since", "so", "as"]);

function wordsBefore(text: Token[], i: number, words: string[]): boolean {
  const start = i - words.length;
  if (start < 0) return false;
  return words.every((w, k) => {
    const t = text[start + k] as Token;
    return t.w === w && !t.end;
  });
}

function wordsAfter(text: Token[], i: number, words: string[]): boolean {
  if (text[i - 1]?.end) return false;
  return words.every((w, k) => {
    const t = text[i + k];
    return t?.w === w && (k === words.length - 1 || !t.end);
  });
}

/** "The answer (to question 2) is X", "answer: X": "answer" at most five words back, same clause. */
function afterAnswerWord(text: Token[], i: number): boolean {
  const prev = text[i - 1];
  if (!prev || prev.end) return false;
  for (let k = 1; k <= 5; k++) {
    const t = text[i - k];
    if (!t || (k > 1 && t.end)) return false;
    if (t.w === "answer" || t.w === "answers") return k === 1 || ["is", "be", "are", "was"].includes(prev.w);
  }
  return false;
}

/** Whether the phrase at text[i, i+length) is stated as the answer, not just mentioned. */
function statedAsAnswer(text: Token[], i: number, length: number, letter: boolean): boolean {
  if (letter && BEFORE_LETTER.some((w) => wordsBefore(text, i, w))) return true;
  if (AFTER.some((w) => wordsAfter(text, i + length, w))) return true;
  const before = afterAnswerWord(text, i) || BEFORE.some((w) => wordsBefore(text, i, w));
  if (!before) return false;
  // A one-word answer must close its clause: "the answer is a noun" does not name option A.
  const last = text[i + length - 1] as Token;
  const next = text[i + length];
  return length > 1 || last.end || !next || CONNECTORS.has(next.w);
}

// --- Keys, compiled once ---------------------------------------------------------------------

interface Compiled {
  /** Leak wherever they appear. */
  anywhere: Token[][];
  /** Leak only when stated as the answer. */
  stated: Token[][];
  letters: Token[][];
  /** The other options, for telling a list of all the options from a pointer to one. */
  others: Token[][];
  numeric: { value: number; tolerance: number } | null;
  promptNumbers: number[];
}

const compiledKeys = new WeakMap<AnswerKey, Compiled>();

function weak(phrase: Token[]): boolean {
  if (phrase.some((t) => t.n !== null)) return false;
  return phrase.every((t) => COMMON.has(t.w)) || (phrase.length === 1 && (phrase[0] as Token).w.length <= 2);
}

function compile(key: AnswerKey): Compiled {
  const cached = compiledKeys.get(key);
  if (cached) return cached;
  const prompt = tokens(key.prompt);
  const numeric = key.numeric ?? null;
  const compiled: Compiled = {
    anywhere: [],
    stated: [],
    letters: (key.letters ?? []).map(tokens).filter((p) => p.length > 0),
    others: (key.distractors ?? []).map(tokens).filter((p) => p.length > 0),
    numeric,
    promptNumbers: prompt.flatMap((t) => (t.n === null ? [] : [t.n])),
  };
  for (const answer of key.answers) {
    const phrase = tokens(answer);
    if (phrase.length === 0) continue;
    // A numeric key's number is matched by value and tolerance below.
    if (numeric && phrase.length === 1 && phrase[0]?.n !== null) continue;
    const inQuestion = occurrences(prompt, phrase).length > 0;
    (weak(phrase) || inQuestion ? compiled.stated : compiled.anywhere).push(phrase);
  }
  compiledKeys.set(key, compiled);
  return compiled;
}

function reveals(text: Token[], c: Compiled): boolean {
  const present = (p: Token[]) => occurrences(text, p).length > 0;
  const listsEveryOption = c.others.length > 0 && c.others.every(present);
  const stated = listsEveryOption ? [...c.stated, ...c.anywhere] : c.stated;
  if (!listsEveryOption && c.anywhere.some(present)) return true;
  if (stated.some((p) => occurrences(text, p).some((i) => statedAsAnswer(text, i, p.length, false)))) return true;
  if (c.letters.some((p) => occurrences(text, p).some((i) => statedAsAnswer(text, i, p.length, true)))) return true;
  const numeric = c.numeric;
  if (!numeric) return false;
  return text.some((t, i) => {
    if (t.n === null || !withinTolerance(t.n, numeric.value, numeric.tolerance)) return false;
    // A number the question itself shows is only a leak when stated as the answer.
    return !c.promptNumbers.includes(t.n) || statedAsAnswer(text, i, 1, false);
  });
}

/** The first key whose answer `text` gives away, or null when it gives none away. */
export function revealsAnswer(text: string, keys: readonly AnswerKey[]): AnswerKey | null {
  if (keys.length === 0) return null;
  const words = tokens(text);
  return keys.find((key) => reveals(words, compile(key))) ?? null;
}

// --- Hints -----------------------------------------------------------------------------------

const OPENING = "I can't give you the answer while your quiz is open, but let's think it through together.";

const NUDGES: Record<QuestionType, string> = {
  SINGLE_CHOICE: "Try ruling out the options you are sure are wrong, then compare the ones that are left.",
  MULTIPLE_CHOICE: "Look at each option on its own and ask yourself whether it fits, since more than one may.",
  TRUE_FALSE: "Check each part of the statement against what you learned: does every detail hold up?",
  SHORT_ANSWER: "Which idea from your lesson fits here? Try explaining it in your own words first.",
  NUMERIC: "Write down what you know, decide which operation connects it to what you need, and estimate first.",
};

/** Generic hints, tried in order when a more specific one would give the answer away. */
const GENERIC = [
  `${OPENING} What is the question asking you to find, and what do you already know about it?`,
  "Let's work through it together. What have you tried so far?",
  "Tell me where you are stuck, and we can look at it step by step.",
];

function firstSentence(text: string | null | undefined): string | null {
  const first = text
    ?.trim()
    .split(/(?<=[.!?])\s+/)[0]
    ?.trim();
  return first && first.length <= 240 ? first : null;
}

function shortened(prompt: string): string {
  const flat = prompt.trim().replace(/\s+/g, " ");
  return flat.length <= 160 ? flat : `${flat.slice(0, 157).trimEnd()}…`;
}

/**
 * A Socratic hint for the question whose answer a reply would have given away. Every candidate is
 * checked with `revealsAnswer` before it is used: the question's explanation often names the
 * answer, and even a nudge could happen to contain it.
 */
export function hintFor(key: AnswerKey): string {
  const question = `Look again at the question: “${shortened(key.prompt)}” What is it asking you to find?`;
  const nudge = NUDGES[key.type] ?? "";
  const clue = firstSentence(key.explanation);
  const candidates = [
    ...(clue ? [`${OPENING} ${question} ${nudge} Here is something to think about: ${clue}`] : []),
    `${OPENING} ${question} ${nudge}`,
    `${OPENING} ${nudge}`,
    ...GENERIC,
  ];
  return candidates.find((hint) => revealsAnswer(hint, [key]) === null) ?? (GENERIC.at(-1) as string);
}

// --- Loading the open attempts' keys ---------------------------------------------------------

type Row = {
  id: string;
  type: QuestionType;
  prompt: string;
  options: unknown;
  answer: unknown;
  explanation: string | null;
};

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function options(value: unknown): { id: string; text: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((o) => {
    const { id, text } = record(o);
    return typeof id === "string" && typeof text === "string" ? [{ id, text }] : [];
  });
}

/** A question's answer key as the guard reads it; null when the stored key is malformed. */
function keyOf(q: Row): AnswerKey | null {
  const answer = record(q.answer);
  const base = { questionId: q.id, prompt: q.prompt, type: q.type, explanation: q.explanation };
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const correct = new Set(strings(answer.correct));
      const all = options(q.options);
      const right = all.flatMap((o, i) => (correct.has(o.id) ? [{ ...o, i }] : []));
      if (right.length === 0) return null;
      // The player shows no letters, but a model that lists the options may well letter them.
      const letters = right.flatMap((o) => [
        String.fromCharCode(97 + o.i),
        String(o.i + 1),
        ...(/^[a-z]$/i.test(o.id) ? [o.id.toLowerCase()] : []),
      ]);
      return {
        ...base,
        answers: right.map((o) => o.text),
        letters: [...new Set(letters)],
        distractors: all.filter((o) => !correct.has(o.id)).map((o) => o.text),
      };
    }
    case "TRUE_FALSE":
      if (typeof answer.value !== "boolean") return null;
      return { ...base, answers: answer.value ? ["true", "not false"] : ["false", "not true"] };
    case "SHORT_ANSWER": {
      const accepted = strings(answer.accepted).filter((a) => a.trim() !== "");
      return accepted.length > 0 ? { ...base, answers: accepted } : null;
    }
    case "NUMERIC": {
      const value = answer.value;
      const tolerance = answer.tolerance ?? 0;
      if (typeof value !== "number" || !Number.isFinite(value)) return null;
      if (typeof tolerance !== "number" || !Number.isFinite(tolerance) || tolerance < 0) return null;
      return { ...base, answers: [String(value)], numeric: { value, tolerance } };
    }
    default:
      return null;
  }
}

/**
 * The answer keys of every question in the acting student's attempts still in progress (what
 * `startAttempt` drew for each, bank draws included), in attempt and question order. Empty for
 * anyone with no attempt open. The scoped client keeps it to the student's organization.
 */
export async function loadOpenAnswerKeys(ctx: ServiceContext): Promise<AnswerKey[]> {
  const attempts = await ctx.db.attempt.findMany({
    where: { studentId: ctx.actor.userId, status: "IN_PROGRESS" },
    orderBy: { startedAt: "asc" },
    select: { questionIds: true },
  });
  const ids = [...new Set(attempts.flatMap((a) => a.questionIds))];
  if (ids.length === 0) return [];
  const rows = await ctx.db.question.findMany({
    where: { id: { in: ids } },
    select: { id: true, type: true, prompt: true, options: true, answer: true, explanation: true },
  });
  const byId = new Map(rows.map((q) => [q.id, q]));
  return ids.flatMap((id) => {
    const q = byId.get(id);
    const key = q ? keyOf(q) : null;
    return key ? [key] : [];
  });
}
