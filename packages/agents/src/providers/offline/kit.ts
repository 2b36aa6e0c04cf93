// What the offline drafts know about a request: its subject domain, the writing style for its grade
// and reading level, the lesson's time plan and the facts shared by every draft. The domain
// knowledge itself is in glossary.ts, topics.ts and question-banks.ts. Everything here is
// deterministic and correct by construction.
import type { GenerateRequest, SubjectDomain } from "@toolboxai/validators";
import { subjectDomainOf } from "@toolboxai/validators";
import type { z } from "zod";
import { gradeNumber } from "../../agents/prompt";
import { inSentence, keyTermOf, scrubText } from "./text";
import { type TopicFacts, topicFactsOf } from "./topics";

export type Domain = SubjectDomain;
export type Style = "simple" | "standard" | "rich";

export const domainOf = subjectDomainOf;

/**
 * How the drafts write: simple for the youngest grades and emerging readers, rich for advanced
 * readers and high school up, standard otherwise.
 */
export function styleOf(request: Pick<GenerateRequest, "gradeLevel" | "readingLevel">): Style {
  const g = gradeNumber(request.gradeLevel);
  if (request.readingLevel === "EMERGING") return "simple";
  if (request.readingLevel === "ADVANCED") return g >= 5 ? "rich" : "standard";
  if (g <= 3) return "simple";
  return g >= 9 ? "rich" : "standard";
}

export function pick<T>(style: Style, choices: { simple: T; standard: T; rich?: T }): T {
  if (style === "simple") return choices.simple;
  if (style === "rich") return choices.rich ?? choices.standard;
  return choices.standard;
}

// --- The lesson's time plan -------------------------------------------------------------------

export type SectionKind = "hook" | "instruction" | "activity" | "independent" | "discussion" | "check" | "wrap";

/** Splits `total` minutes by weight into whole minutes (each at least 1) that add up to `total`. */
export function allocateMinutes(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const minutes = exact.map((x) => Math.max(1, Math.floor(x)));
  let diff = total - minutes.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let k = 0;
  while (diff > 0 && order.length > 0) {
    const idx = order[k % order.length]?.i ?? 0;
    minutes[idx] = (minutes[idx] ?? 0) + 1;
    diff -= 1;
    k += 1;
  }
  // Only when the minimum of 1 pushed the total over: take minutes back from the longest sections.
  while (diff < 0) {
    let longest = 0;
    minutes.forEach((m, i) => {
      if (m > (minutes[longest] ?? 0)) longest = i;
    });
    if ((minutes[longest] ?? 0) <= 1) break;
    minutes[longest] = (minutes[longest] ?? 0) - 1;
    diff += 1;
  }
  return minutes;
}

/** The sections a lesson of this length has, with their minutes (adding up to the duration). */
export function sectionPlan(durationMinutes: number): { kind: SectionKind; minutes: number }[] {
  let plan: [SectionKind, number][];
  if (durationMinutes < 20) {
    plan = [
      ["hook", 2],
      ["instruction", 4],
      ["activity", 4],
      ["wrap", 2],
    ];
  } else if (durationMinutes < 60) {
    plan = [
      ["hook", 12],
      ["instruction", 25],
      ["activity", 33],
      ["check", 18],
      ["wrap", 12],
    ];
  } else if (durationMinutes < 90) {
    plan = [
      ["hook", 10],
      ["instruction", 20],
      ["activity", 28],
      ["independent", 18],
      ["check", 14],
      ["wrap", 10],
    ];
  } else {
    plan = [
      ["hook", 8],
      ["instruction", 18],
      ["activity", 24],
      ["discussion", 12],
      ["independent", 16],
      ["check", 12],
      ["wrap", 10],
    ];
  }
  const minutes = allocateMinutes(
    durationMinutes,
    plan.map(([, w]) => w),
  );
  return plan.map(([kind], i) => ({ kind, minutes: minutes[i] ?? 1 }));
}

// --- Shared facts about a request -----------------------------------------------------------

export interface TopicInfo {
  topic: string;
  /** As the topic reads at the start of a sentence. */
  Term: string;
  /** As it reads inside a sentence. */
  term: string;
  subject: string;
  domain: Domain;
  style: Style;
  grade: number;
  facts: TopicFacts | null;
  /** The teacher's notes with any privacy or age problem removed. */
  notes: string;
}

export function topicInfo(request: GenerateRequest): TopicInfo {
  const key = keyTermOf(request.topic);
  const grade = gradeNumber(request.gradeLevel);
  return {
    topic: request.topic,
    Term: key.charAt(0).toUpperCase() + key.slice(1),
    term: inSentence(key),
    subject: request.subject,
    domain: domainOf(request.subject),
    style: styleOf(request),
    grade,
    facts: topicFactsOf(request.topic),
    notes: scrubText(request.notes, grade, [request.topic]),
  };
}

/** The key term's definition for a well-known topic, or null (the drafts never invent one). */
export function topicDefinition(info: TopicInfo, style: Style = info.style): string | null {
  if (!info.facts) return null;
  return style === "simple" ? info.facts.simple : info.facts.definition;
}

/**
 * The offline drafts read their input through the agent's input schema (defaults applied), or as
 * given when it does not parse (the offline provider passes the pipeline's input unparsed).
 */
export function normalized<T>(schema: z.ZodType<T>, input: T): T {
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed.data : input;
}
