// The quiz agent: writes exactly the requested number of questions, mixing the five question types,
// each with an answer key that passes the teaching core's checks and an explanation.
import {
  type GenerateRequest,
  type LessonDraft,
  lessonDraftSchema,
  outlineSchema,
  type QuestionData,
  type QuizDraft,
  quizDraftSchema,
} from "@toolboxai/validators";
import type { z } from "zod";
import type { AgentDefinition } from "../types";
import { clean, quizFindings } from "./findings";
import {
  definitionOf,
  glossaryOf,
  pick,
  sectionPlan,
  selectAllBank,
  type TopicInfo,
  topicDefinition,
  topicInfo,
  trueFalseBank,
} from "./kit";
import {
  describeRequest,
  draftInputSchema,
  gradeLabel,
  inputBlock,
  normalized,
  readingLevelText,
  revisionText,
  systemPrompt,
} from "./prompt";
import { clip, scrubText } from "./text";

export const quizInputSchema = draftInputSchema(
  { outline: outlineSchema, lesson: lessonDraftSchema.nullable() },
  quizDraftSchema,
);
export type QuizInput = z.infer<typeof quizInputSchema>;

type Question = QuestionData;

/** The order the five types take turns in: a three-question quiz still mixes three types. */
export const QUESTION_TYPE_ORDER = [
  "SINGLE_CHOICE",
  "TRUE_FALSE",
  "SHORT_ANSWER",
  "NUMERIC",
  "MULTIPLE_CHOICE",
] as const;

interface Ctx {
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
  const items = [
    {
      statement: `${info.Term} is part of ${info.subject}.`,
      value: true,
      why: `We study ${info.term} in ${info.subject}; it is the topic of this lesson.`,
    },
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
  if (k === 0) {
    const definition = topicDefinition(info);
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
        definition
          ? pick(info.style, {
              simple: `What is the name for this: "${noStop(definition)}"?`,
              standard: `Which key term names this idea: "${noStop(definition)}"?`,
            })
          : pick(info.style, {
              simple: "What big idea did we learn about in this lesson?",
              standard: `Name the ${info.subject} topic this lesson was about.`,
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

function question(ctx: Ctx, index: number): Question {
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

function context(request: GenerateRequest, lesson: LessonDraft | null): Ctx {
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
export function draftQuiz(
  request: GenerateRequest,
  lesson: LessonDraft | null,
  count = request.questionCount,
): QuizDraft {
  const ctx = context(request, lesson);
  const questions = Array.from({ length: count }, (_, i) => question(ctx, i));
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

export const quiz = {
  name: "quiz",
  description: "Writes the quiz: a mix of question types, each with an answer key and an explanation",
  inputSchema: quizInputSchema,
  outputSchema: quizDraftSchema,
  prompt(input: QuizInput) {
    const { request } = input;
    const system = systemPrompt("an assessment writer", [
      `Write exactly the requested number of questions, mixing the five types: SINGLE_CHOICE (2 to 6 options, exactly one correct), MULTIPLE_CHOICE (2 to 6 options, one or more correct), TRUE_FALSE (no options, answer {"value": true|false}), SHORT_ANSWER (no options, answer {"accepted": [...], "caseSensitive": false} with short accepted answers) and NUMERIC (no options, answer {"value": n, "tolerance": t}; use a tolerance above 0 when the answer is not a whole number).`,
      'Options have short unique ids ("a", "b", ...) and distinct texts; "correct" lists option ids.',
      "Every question has an explanation that says why the answer is right, for feedback after the student answers.",
      "Questions must be answerable from the lesson; answer keys must be correct.",
      `Match the reading level: ${readingLevelText(request.readingLevel)}.`,
    ]);
    const user = [
      `Write a quiz of exactly ${request.questionCount} questions on ${input.outline.title} for ${gradeLabel(request.gradeLevel)}, with a title and short instructions for students.`,
      input.lesson
        ? "Base the questions on the lesson in the input (its sections and vocabulary)."
        : "Base the questions on the outline's objectives and vocabulary.",
      "",
      describeRequest(request),
    ].join("\n");
    return { system, user: user + revisionText(input.revision, "quiz") + inputBlock(input) };
  },
  check(output: QuizDraft, input: QuizInput) {
    const problems: string[] = [];
    if (output.questions.length !== input.request.questionCount) {
      problems.push(
        `The quiz has ${output.questions.length} questions; it must have exactly ${input.request.questionCount}`,
      );
    }
    return problems;
  },
  offline(raw: QuizInput): QuizDraft {
    const input = normalized(quizInputSchema, raw);
    if (input.revision) return reviseQuiz({ ...input, revision: input.revision });
    return draftQuiz(input.request, input.lesson);
  },
} satisfies AgentDefinition<QuizInput, QuizDraft>;
