// The offline quiz's questions, one builder per question type: vocabulary matches, true-or-false
// facts, short answers, small word problems and select-all items, each correct by construction.
import type { GenerateRequest, LessonDraft, QuestionData } from "@toolboxai/validators";
import { definitionOf, glossaryOf } from "./glossary";
import { pick, sectionPlan, type TopicInfo, topicDefinition, topicInfo } from "./kit";
import { selectAllBank, trueFalseBank } from "./question-banks";
import { clip } from "./text";

export type Question = QuestionData;

/** The order the five types take turns in: a three-question quiz still mixes three types. */
export const QUESTION_TYPE_ORDER = [
  "SINGLE_CHOICE",
  "TRUE_FALSE",
  "SHORT_ANSWER",
  "NUMERIC",
  "MULTIPLE_CHOICE",
] as const;

export interface Ctx {
  request: GenerateRequest;
  info: TopicInfo;
  lesson: LessonDraft | null;
  tags: string[];
  young: boolean;
}

interface VocabEntry {
  term: string;
  definition: string;
}

function vocabulary(ctx: Ctx): VocabEntry[] {
  const entries: VocabEntry[] = [];
  const definition = topicDefinition(ctx.info);
  if (definition) entries.push({ term: ctx.info.Term, definition });
  for (const g of glossaryOf(ctx.info.domain))
    entries.push({ term: g.term, definition: definitionOf(g, ctx.info.style) });
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = e.term.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const OPTION_IDS = ["a", "b", "c", "d"];

const noStop = (text: string) => text.replace(/[.!]+$/, "");

function base(ctx: Ctx, prompt: string, explanation: string) {
  return { prompt: clip(prompt, 5000), points: 1, explanation: clip(explanation, 5000), tags: ctx.tags };
}

function lessonHint(ctx: Ctx, index: number): string {
  const section = ctx.lesson?.sections[index];
  return section ? ` (See "${section.heading}" in the lesson.)` : "";
}

function singleChoice(ctx: Ctx, k: number): Question {
  const vocab = vocabulary(ctx);
  const n = vocab.length;
  // With a known topic, its key term is the short-answer question's; choice questions start after it.
  const r = (k + (topicDefinition(ctx.info) ? 1 : 0)) % n;
  const right = vocab[r] as VocabEntry;
  const others = [1, 2, 4].map((d) => vocab[(r + d) % n] as VocabEntry);
  const terms = [right.term, ...others.map((o) => o.term)];
  // Rotate so the correct answer is not always first.
  const shift = k % 4;
  const ordered = [...terms.slice(4 - shift), ...terms.slice(0, 4 - shift)];
  const options = ordered.map((text, i) => ({ id: OPTION_IDS[i] ?? `o${i}`, text }));
  const correct = options.find((o) => o.text === right.term)?.id ?? "a";
  return {
    type: "SINGLE_CHOICE",
    ...base(
      ctx,
      pick(ctx.info.style, {
        simple: `Which word means "${noStop(right.definition)}"?`,
        standard: `Which term matches this meaning: "${noStop(right.definition)}"?`,
      }),
      `"${right.term}" means: ${right.definition}${lessonHint(ctx, 1)}`,
    ),
    options,
    answer: { correct: [correct] },
  };
}

function trueFalse(ctx: Ctx, k: number): Question {
  const { info } = ctx;
  // Only statements students have to know something to judge: never "<topic> is part of <subject>",
  // which the quiz's own title answers (the reviewer flags such a question; see trivial-questions.ts).
  const items = [
    ...(info.facts
      ? [
          { statement: info.facts.myth.statement, value: false, why: info.facts.myth.why },
          { statement: info.facts.facts[0], value: true, why: `${info.facts.facts[0]} ${info.facts.facts[1]}` },
        ]
      : []),
    ...trueFalseBank(info.domain),
  ];
  const item = items[k % items.length] ?? items[0];
  return {
    type: "TRUE_FALSE",
    ...base(
      ctx,
      pick(info.style, { simple: `True or false? ${item?.statement}`, standard: `True or false: ${item?.statement}` }),
      `${item?.value ? "True" : "False"}. ${item?.why}`,
    ),
    options: [],
    answer: { value: item?.value ?? true },
  };
}

function shortAnswer(ctx: Ctx, k: number): Question {
  const { info } = ctx;
  // The topic's own name is asked for only when the question can describe it without naming it;
  // "Name the topic this lesson was about" is answered by the quiz's title.
  const definition = topicDefinition(info);
  if (k === 0 && definition) {
    const accepted = [info.Term];
    for (const alt of [info.facts?.name ?? "", info.topic.trim()]) {
      const key = alt.toLowerCase().replace(/\s+/g, " ");
      if (alt && alt.length <= 500 && !accepted.some((a) => a.toLowerCase().replace(/\s+/g, " ") === key))
        accepted.push(alt);
    }
    return {
      type: "SHORT_ANSWER",
      ...base(
        ctx,
        pick(info.style, {
          simple: `What is the name for this: "${noStop(definition)}"?`,
          standard: `Which key term names this idea: "${noStop(definition)}"?`,
        }),
        `The answer is "${info.Term}", the key term of this lesson.${lessonHint(ctx, 1)}`,
      ),
      options: [],
      answer: { accepted, caseSensitive: false },
    };
  }
  const vocab = vocabulary(ctx);
  const entry = vocab[(vocab.length - k) % vocab.length] as VocabEntry;
  return {
    type: "SHORT_ANSWER",
    ...base(
      ctx,
      pick(info.style, {
        simple: `Write the word that means "${noStop(entry.definition)}".`,
        standard: `Write the vocabulary term that means: "${noStop(entry.definition)}".`,
      }),
      `The answer is "${entry.term}": ${entry.definition}`,
    ),
    options: [],
    answer: { accepted: [entry.term], caseSensitive: false },
  };
}

function numeric(ctx: Ctx, k: number): Question {
  const { request, info, young } = ctx;
  const t = info.term;
  const num = (prompt: string, value: number, explanation: string): Question => ({
    type: "NUMERIC",
    ...base(ctx, prompt, explanation),
    options: [],
    answer: { value, tolerance: 0 },
  });
  const variant = k % 4;
  if (young) {
    if (variant === 0) {
      const a = 3 + (request.questionCount % 4);
      return num(
        `You read ${a} cards about ${t}. Then you read 2 more. How many cards did you read in all?`,
        a + 2,
        `${a} + 2 = ${a + 2}.`,
      );
    }
    if (variant === 1) {
      const q = request.questionCount;
      return num(
        `This quiz has ${q} questions. You have answered 2. How many questions are left?`,
        q - 2,
        `${q} − 2 = ${q - 2}.`,
      );
    }
    if (variant === 2)
      return num(
        `You draw 3 pictures about ${t}. Then you draw 4 more. How many pictures did you draw?`,
        7,
        "3 + 4 = 7.",
      );
    return num("You have 10 stickers. You give 4 to a friend. How many stickers do you have left?", 6, "10 − 4 = 6.");
  }
  if (variant === 0) {
    const sections =
      ctx.lesson && ctx.lesson.sections.length >= 3 ? ctx.lesson.sections : sectionPlan(request.durationMinutes);
    const first = sections[0]?.minutes ?? 1;
    const last = sections.at(-1)?.minutes ?? 1;
    const total = sections.reduce((a, s) => a + s.minutes, 0);
    const left = total - first - last;
    return num(
      `This lesson lasts ${total} minutes. The warm-up takes ${first} minutes and the wrap-up takes ${last} minutes. How many minutes are left for the other parts of the lesson?`,
      left,
      `${total} − ${first} − ${last} = ${left} minutes.`,
    );
  }
  if (variant === 1) {
    const groups = 5 + (request.durationMinutes % 4);
    const students = groups * 4;
    return num(
      `A class of ${students} students works in groups of 4 to study ${t}. How many groups are there?`,
      groups,
      `${students} ÷ 4 = ${groups} groups.`,
    );
  }
  if (variant === 2) {
    const q = request.questionCount;
    return num(
      `Each of the ${q} questions on this quiz is worth 5 points. How many points is the whole quiz worth?`,
      q * 5,
      `${q} × 5 = ${q * 5} points.`,
    );
  }
  return num(
    "A lab timer gives each group 30 seconds at each of 6 stations. How many seconds does it take to visit all the stations?",
    180,
    "6 × 30 = 180 seconds.",
  );
}

function multipleChoice(ctx: Ctx, k: number): Question {
  const bank = selectAllBank(ctx.info.domain);
  const item = bank[k % bank.length] ?? bank[0];
  if (!item) throw new Error("empty question bank");
  const rotations = [
    [item.correct[0], item.wrong[0], item.correct[1], item.wrong[1]],
    [item.wrong[0], item.correct[0], item.wrong[1], item.correct[1]],
    [item.correct[0], item.wrong[0], item.wrong[1], item.correct[1]],
    [item.wrong[0], item.correct[0], item.correct[1], item.wrong[1]],
  ];
  const texts = rotations[k % rotations.length] ?? rotations[0] ?? [];
  const options = texts.map((text, i) => ({ id: OPTION_IDS[i] ?? `o${i}`, text }));
  const correct = options.filter((o) => item.correct.includes(o.text)).map((o) => o.id);
  return {
    type: "MULTIPLE_CHOICE",
    ...base(ctx, item.prompt, `Correct: ${item.correct.join(" and ")}. ${item.why}`),
    options,
    answer: { correct },
  };
}

export function question(ctx: Ctx, index: number): Question {
  const type = QUESTION_TYPE_ORDER[index % QUESTION_TYPE_ORDER.length];
  const k = Math.floor(index / QUESTION_TYPE_ORDER.length);
  switch (type) {
    case "SINGLE_CHOICE":
      return singleChoice(ctx, k);
    case "TRUE_FALSE":
      return trueFalse(ctx, k);
    case "SHORT_ANSWER":
      return shortAnswer(ctx, k);
    case "NUMERIC":
      return numeric(ctx, k);
    default:
      return multipleChoice(ctx, k);
  }
}

export function context(request: GenerateRequest, lesson: LessonDraft | null): Ctx {
  const info = topicInfo(request);
  const tag = info.Term.toLowerCase().replace(/\s+/g, " ").slice(0, 40).trim();
  return {
    request,
    info,
    lesson,
    tags: [...new Set([tag, info.domain].filter((t) => t.length > 0))],
    young: info.grade <= 2,
  };
}

/** The first draft: `count` questions (the request's count by default), valid and correct by construction. */
