// Grading: pure functions, no database. `gradeResponse` scores one response against one
// question's answer key; `drawQuestions` picks a quiz's questions from a bank pool.
// Neither throws: a malformed or missing response (or a malformed stored key) scores 0.
import { normalizeText } from "@toolboxai/validators";

/** The parts of a question grading reads (a Question row fits: `options` and `answer` are Json). */
export interface GradableQuestion {
  type: string;
  answer: unknown;
  points: number;
}

export interface Grade {
  correct: boolean;
  points: number;
  maxPoints: number;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
}

function finite(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Whether |actual - expected| <= tolerance, forgiving the rounding error of binary floats. */
export function withinTolerance(actual: number, expected: number, tolerance: number): boolean {
  const scale = Math.max(1, Math.abs(actual), Math.abs(expected), tolerance);
  return Math.abs(actual - expected) <= tolerance + 16 * Number.EPSILON * scale;
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

function isCorrect(question: GradableQuestion, response: unknown): boolean {
  const key = question.answer;
  if (!isObject(key) || !isObject(response)) return false;
  switch (question.type) {
    case "SINGLE_CHOICE": {
      const correct = stringArray(key.correct);
      const selected = stringArray(response.selected);
      return correct?.length === 1 && selected?.length === 1 && selected[0] === correct[0];
    }
    case "MULTIPLE_CHOICE": {
      // All or nothing: exactly the set of correct options, no more, no fewer.
      const correct = stringArray(key.correct);
      const selected = stringArray(response.selected);
      return !!correct && !!selected && correct.length > 0 && sameSet(selected, correct);
    }
    case "TRUE_FALSE":
      return typeof key.value === "boolean" && typeof response.value === "boolean" && response.value === key.value;
    case "SHORT_ANSWER": {
      const accepted = stringArray(key.accepted);
      if (!accepted || typeof response.text !== "string") return false;
      const caseSensitive = key.caseSensitive === true;
      const given = normalizeText(response.text, caseSensitive);
      return given !== "" && accepted.some((a) => normalizeText(a, caseSensitive) === given);
    }
    case "NUMERIC": {
      const expected = finite(key.value);
      const tolerance = key.tolerance === undefined ? 0 : finite(key.tolerance);
      const actual = finite(response.number);
      if (expected === null || tolerance === null || tolerance < 0 || actual === null) return false;
      return withinTolerance(actual, expected, tolerance);
    }
    default:
      return false;
  }
}

/** Scores one response: full points when correct, 0 otherwise (no partial credit). */
export function gradeResponse(question: GradableQuestion, response: unknown): Grade {
  const maxPoints = Number.isFinite(question.points) && question.points > 0 ? question.points : 0;
  let correct = false;
  try {
    correct = isCorrect(question, response);
  } catch {
    correct = false;
  }
  return { correct, points: correct ? maxPoints : 0, maxPoints };
}

/** A small seeded generator (mulberry32): the same seed draws the same questions. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface DrawInput {
  /** Ids of the questions that may be drawn (duplicates are ignored). */
  pool: readonly string[];
  count: number;
  /** Ids the student saw in earlier attempts. */
  seen?: Iterable<string>;
  /** Prefer questions not in `seen`, repeating only when the pool has too few (default true). */
  avoidRepeats?: boolean;
  random?: () => number;
}

/**
 * Picks up to `count` distinct ids from the pool, in random order. With `avoidRepeats`, unseen
 * questions come first and seen ones only fill the gap when there are not enough unseen ones.
 * Deterministic for a given pool (order does not matter), `seen` and seeded `random`.
 */
export function drawQuestions({ pool, count, seen = [], avoidRepeats = true, random = Math.random }: DrawInput) {
  const unique = [...new Set(pool)].sort();
  const n = Math.max(0, Math.min(Math.floor(count), unique.length));
  if (n === 0) return [];
  if (!avoidRepeats) return shuffle(unique, random).slice(0, n);
  const seenSet = new Set(seen);
  const fresh = shuffle(
    unique.filter((id) => !seenSet.has(id)),
    random,
  );
  if (fresh.length >= n) return fresh.slice(0, n);
  const repeats = shuffle(
    unique.filter((id) => seenSet.has(id)),
    random,
  ).slice(0, n - fresh.length);
  return shuffle([...fresh, ...repeats], random);
}
