// Text the database can store. PostgreSQL refuses a NUL character in `text` and `jsonb` (errors
// 22021 and 22P05), and a lone UTF-16 surrogate (half of an emoji, cut by a bad copy or a bad
// client) has no UTF-8 form. Both are refused on the way in, with a message next to the field:
//  - `textSchema`, which every string of every input schema starts from;
//  - `findUnstorableInput`, which api's input guard runs over the raw input of every procedure
//    before it is parsed, so fields typed `z.unknown()`, record keys and procedures whose schema
//    forgets `textSchema` are covered too.
import { z } from "zod";

export const UNSTORABLE_TEXT_MESSAGE = "This text contains a character that can't be stored (a NUL or a broken emoji).";
export const INPUT_TOO_DEEP_MESSAGE = "This input is nested too deeply.";

/** Any lone surrogate: with the `u` flag a well-formed pair is one code point, so only halves match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether PostgreSQL can store `s` as text: no NUL, no lone surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && !LONE_SURROGATE.test(s);
}

/** The string every input field starts from: `textSchema.trim().min(1).max(200)`. */
export const textSchema = z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

/**
 * How deep an input may nest. The deepest real input (an environment body: checkpoints, question,
 * options) is under 10 levels; parsers and services recurse, so a 10,000-level array is refused
 * before anything walks it.
 */
export const MAX_INPUT_DEPTH = 32;

export interface InputProblem {
  /** Dotted path of the field (`body.sections.0.heading`); "" for the input itself. */
  path: string;
  message: string;
}

/**
 * The fields of a raw (unparsed) input that cannot be stored, and where it nests deeper than
 * `maxDepth`. Walks without recursion, visits each value once, stops after `maxProblems`.
 */
export function findUnstorableInput(
  input: unknown,
  options: { maxDepth?: number; maxProblems?: number } = {},
): InputProblem[] {
  const maxDepth = options.maxDepth ?? MAX_INPUT_DEPTH;
  const maxProblems = options.maxProblems ?? 20;
  const problems: InputProblem[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0 && problems.length < maxProblems) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof value === "string") {
      if (!isStorableText(value)) problems.push({ path: path.join("."), message: UNSTORABLE_TEXT_MESSAGE });
      continue;
    }
    if (typeof value !== "object" || value === null || value instanceof Date || seen.has(value)) continue;
    seen.add(value);
    if (path.length >= maxDepth) {
      problems.push({ path: path.join("."), message: INPUT_TOO_DEEP_MESSAGE });
      continue;
    }
    const entries: [unknown, unknown][] =
      value instanceof Map
        ? [...value.entries()]
        : value instanceof Set
          ? [...value].map((v, i) => [String(i), v])
          : Array.isArray(value)
            ? value.map((v, i) => [String(i), v])
            : Object.entries(value);
    // Pushed in reverse so problems come out in the input's order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [unknown, unknown];
      const childPath = [...path, String(key)];
      if (typeof key === "string" && !isStorableText(key)) {
        // A key that cannot be stored (a record's key): reported at its parent, where the form shows it.
        problems.push({ path: path.join("."), message: UNSTORABLE_TEXT_MESSAGE });
        continue;
      }
      if (typeof key !== "string") stack.push({ value: key, path: childPath });
      stack.push({ value: child, path: childPath });
    }
  }
  return problems;
}
