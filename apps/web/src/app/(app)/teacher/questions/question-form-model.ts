// The editor's flat form model and its conversion to and from the API's question shape.
// The form keeps every type's answer fields so switching type does not lose what was typed.
import { toNestErrors } from "@hookform/resolvers";
import {
  type QuestionData,
  type QuestionInput,
  type QuestionType,
  type QuestionView,
  questionSchema,
} from "@toolboxai/validators";
import type { FieldError, Resolver } from "react-hook-form";

export const TYPE_LABEL: Record<QuestionType, string> = {
  SINGLE_CHOICE: "Single choice",
  MULTIPLE_CHOICE: "Multiple choice",
  TRUE_FALSE: "True / false",
  SHORT_ANSWER: "Short answer",
  NUMERIC: "Numeric",
};

export interface QuestionFormValues {
  type: QuestionType;
  prompt: string;
  points: number;
  explanation: string;
  tagsText: string;
  options: { id: string; text: string }[];
  correctIds: string[];
  trueFalse: "true" | "false";
  accepted: { value: string }[];
  caseSensitive: boolean;
  numericValue: string;
  tolerance: string;
  /** Short answers: criteria for marking by hand on the review page (empty: no rubric). */
  rubric: { id: string; label: string; points: string }[];
}

export function newCriterionId(): string {
  return `c${Math.random().toString(36).slice(2, 10)}`;
}

export function newOptionId(): string {
  return `o${Math.random().toString(36).slice(2, 10)}`;
}

export function emptyValues(): QuestionFormValues {
  return {
    type: "SINGLE_CHOICE",
    prompt: "",
    points: 1,
    explanation: "",
    tagsText: "",
    options: [
      { id: newOptionId(), text: "" },
      { id: newOptionId(), text: "" },
    ],
    correctIds: [],
    trueFalse: "true",
    accepted: [{ value: "" }],
    caseSensitive: false,
    numericValue: "",
    tolerance: "0",
    rubric: [],
  };
}

export function valuesFromView(q: QuestionView): QuestionFormValues {
  const base = {
    ...emptyValues(),
    type: q.type,
    prompt: q.prompt,
    points: q.points,
    explanation: q.explanation ?? "",
    tagsText: q.tags.join(", "),
  };
  switch (q.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE":
      return { ...base, options: q.options, correctIds: q.answer.correct };
    case "TRUE_FALSE":
      return { ...base, trueFalse: q.answer.value ? "true" : "false" };
    case "SHORT_ANSWER":
      return {
        ...base,
        accepted: q.answer.accepted.map((value) => ({ value })),
        caseSensitive: q.answer.caseSensitive,
        rubric: (q.rubric ?? []).map((c) => ({ id: c.id, label: c.label, points: String(c.points) })),
      };
    case "NUMERIC":
      return { ...base, numericValue: String(q.answer.value), tolerance: String(q.answer.tolerance) };
  }
}

function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

export function toQuestionInput(v: QuestionFormValues): QuestionInput {
  const common = {
    prompt: v.prompt,
    points: v.points,
    explanation: v.explanation.trim() || null,
    tags: v.tagsText
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  };
  switch (v.type) {
    case "SINGLE_CHOICE":
    case "MULTIPLE_CHOICE": {
      const ids = new Set(v.options.map((o) => o.id));
      return {
        ...common,
        type: v.type,
        options: v.options,
        answer: { correct: v.correctIds.filter((id) => ids.has(id)) },
      };
    }
    case "TRUE_FALSE":
      return { ...common, type: v.type, answer: { value: v.trueFalse === "true" } };
    case "SHORT_ANSWER":
      return {
        ...common,
        type: v.type,
        answer: { accepted: v.accepted.map((a) => a.value), caseSensitive: v.caseSensitive },
        rubric: v.rubric.length
          ? v.rubric.map((c) => ({ id: c.id, label: c.label, points: toNumber(c.points) }))
          : null,
      };
    case "NUMERIC":
      return { ...common, type: v.type, answer: { value: toNumber(v.numericValue), tolerance: toNumber(v.tolerance) } };
  }
}

/** The form field an API field path is about. */
export function formFieldOf(type: QuestionType, path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === "tags") return "tagsText";
  if (head === "rubric")
    return second === undefined ? "rubric" : `rubric.${second}.${third === "points" ? "points" : "label"}`;
  if (head === "options") return second === undefined ? "options" : `options.${second}.text`;
  if (head === "answer") {
    if (second === "correct") return "correctIds";
    if (second === "accepted") return third === undefined ? "accepted" : `accepted.${third}.value`;
    if (second === "tolerance") return "tolerance";
    if (second === "caseSensitive") return "caseSensitive";
    if (type === "NUMERIC") return "numericValue";
    if (type === "TRUE_FALSE") return "trueFalse";
    if (type === "SHORT_ANSWER") return "accepted";
    return "correctIds";
  }
  return path.map(String).join(".") || "prompt";
}

/** Validates with the same `questionSchema` as the server, placing each issue on its form field. */
export const questionResolver: Resolver<QuestionFormValues, unknown, QuestionData> = async (values, _ctx, options) => {
  const parsed = questionSchema.safeParse(toQuestionInput(values));
  if (parsed.success) return { values: parsed.data, errors: {} };
  const flat: Record<string, FieldError> = {};
  for (const issue of parsed.error.issues) {
    const field = formFieldOf(values.type, issue.path);
    const numberField = field === "numericValue" || field === "tolerance" || field.endsWith(".points");
    const message = numberField && issue.code === "invalid_type" ? "Enter a number" : issue.message;
    flat[field] ??= { type: issue.code, message };
  }
  return { values: {}, errors: toNestErrors(flat, options) };
};

/** A tRPC error asking for a regrade policy (students already answered the question). */
export function needsRegradePolicy(error: {
  data?: { code?: string; fieldErrors?: Record<string, string[] | undefined> | null } | null;
}): boolean {
  return error.data?.code === "CONFLICT" && Boolean(error.data?.fieldErrors?.regradePolicy?.length);
}
