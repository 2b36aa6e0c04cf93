// The tutor's text is held back until a sentence ends (. ? ! or a new line); before anything held
// is shown, the whole reply so far is checked against the answer keys of the student's open
// attempts (./answer-guard.ts) and the safety filter for minors (./safety.ts). A hit replaces the
// reply: the student sees a hint (or the safety reply) instead, and never the sentence that
// would have given the answer away. Checking the whole text, not the sentence, catches an answer
// spread over two sentences.
import type { AssistantGuard } from "@toolboxai/validators";
import { hintFor, revealsAnswer } from "./answer-guard";
import { checkMinorSafety } from "./safety";

type AnswerKeys = Parameters<typeof revealsAnswer>[1];

export type GuardVerdict =
  | { type: "text"; text: string }
  | { type: "replaced"; content: string; guard: AssistantGuard };

export interface TutorGuard {
  /** What the student has been shown so far. */
  readonly shown: string;
  /** Takes the model's next text; returns what may be shown now (maybe nothing), or the replacement. */
  push(delta: string): GuardVerdict;
  /** The reply ended: checks and releases what is still held. */
  flush(): GuardVerdict;
}

const SENTENCE_END = /[.?!\n]/g;

function lastBoundary(text: string): number {
  let last = -1;
  for (const m of text.matchAll(SENTENCE_END)) last = m.index;
  return last;
}

export function createTutorGuard(keys: AnswerKeys): TutorGuard {
  let shown = "";
  let held = "";

  const check = (textSoFar: string): GuardVerdict | null => {
    const key = revealsAnswer(textSoFar, keys);
    if (key) return { type: "replaced", content: hintFor(key), guard: "answer-key" };
    const safety = checkMinorSafety(textSoFar);
    if (!safety.safe) return { type: "replaced", content: safety.reply, guard: "safety" };
    return null;
  };

  const release = (upTo: number): GuardVerdict => {
    // Only what is about to be shown: a word still arriving ("ass" of "assess", "42" of "420")
    // is checked once it is complete.
    const hit = check(shown + held.slice(0, upTo));
    if (hit) return hit;
    const text = held.slice(0, upTo);
    shown += text;
    held = held.slice(upTo);
    return { type: "text", text };
  };

  return {
    get shown() {
      return shown;
    },
    push(delta) {
      held += delta;
      const end = lastBoundary(held);
      return end < 0 ? { type: "text", text: "" } : release(end + 1);
    },
    flush() {
      return release(held.length);
    },
  };
}
