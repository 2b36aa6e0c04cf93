// Which catalog standards the picker suggests: those that fit the form's subject and grade and
// match what the teacher has typed (part of a code, or words of the description), best first;
// among equal matches, the ones whose description is about the form's topic come first.
import {
  CATALOG_SUBJECTS_BY_DOMAIN,
  type CatalogStandardView,
  type CatalogSubject,
  subjectDomainOf,
} from "@toolboxai/validators";

/**
 * The catalog subjects that fit a subject as the teacher typed it ("Life Science" -> Science and
 * literacy), or null when it names none of them: then no subject is left out.
 */
export function catalogSubjectsFor(subject: string): readonly CatalogSubject[] | null {
  if (!subject.trim()) return null;
  const subjects = CATALOG_SUBJECTS_BY_DOMAIN[subjectDomainOf(subject)];
  return subjects.length > 0 ? subjects : null;
}

/** A code without its punctuation, so "ls1 6" finds MS-LS1-6 and "rl.7" finds CCSS.ELA-LITERACY.RL.7.1. */
const codeKey = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, "");

/** How well a standard matches the typed text: lower is better, null is no match. */
function rank(standard: CatalogStandardView, query: string): number | null {
  const q = query.trim();
  if (!q) return 0;
  const key = codeKey(q);
  const code = codeKey(standard.code);
  if (standard.code.startsWith(q.toUpperCase()) || (key && code.startsWith(key))) return 0;
  if (key && code.includes(key)) return 1;
  // Every typed word starts a word of the description: "photo" finds photosynthesis.
  const described = standard.description.toLowerCase().split(/[^a-z0-9]+/);
  const words = q
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((word) => described.some((d) => d.startsWith(word))) ? 2 : null;
}

/** Words too common in standards to say what one is about. */
const COMMON = new Set(
  "about analyze and apply based construct data describe develop evidence explain explanation from into interpret model models of the their through use using with".split(
    " ",
  ),
);

/** A word without its plural ending, so "plates" meets "plate" and "tectonics" meets "tectonic". */
const stem = (word: string) => word.replace(/(?:ies|es|s)$/, "");

/** The words of a text worth matching on (4 letters or more, not common), stemmed. */
function keywords(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 4 && !COMMON.has(w))
        .map(stem),
    ),
  ];
}

/**
 * How much of the topic a standard's description is about: the share of the topic's words that
 * start a word of the description (0 to 1). "Plate tectonics" finds the standard on "past plate
 * motions" and not the one on the cycling of water.
 */
export function topicRelevance(standard: CatalogStandardView, topic: string): number {
  const wanted = keywords(topic);
  if (wanted.length === 0) return 0;
  const described = keywords(standard.description);
  const found = wanted.filter((w) => described.some((d) => d.startsWith(w) || w.startsWith(d)));
  return found.length / wanted.length;
}

export interface SuggestionFilter {
  /** What the teacher has typed into the picker. */
  query: string;
  /** The form's subject, as typed. */
  subject: string;
  /** The form's grade level; empty until one is picked. */
  gradeLevel: string;
  /** The form's topic, as typed (empty: catalog order among equal matches). */
  topic?: string | undefined;
  /** Codes already chosen: not suggested again. */
  chosen: readonly string[];
}

/** The standards to suggest, best match first (catalog order among equals). */
export function suggestStandards(
  catalog: readonly CatalogStandardView[],
  { query, subject, gradeLevel, topic = "", chosen }: SuggestionFilter,
): CatalogStandardView[] {
  const subjects = catalogSubjectsFor(subject);
  const taken = new Set(chosen.map((c) => c.toUpperCase()));
  return catalog
    .flatMap((standard, index) => {
      if (taken.has(standard.code)) return [];
      if (subjects && !subjects.includes(standard.subject)) return [];
      if (gradeLevel && !(standard.grades as readonly string[]).includes(gradeLevel)) return [];
      const score = rank(standard, query);
      return score === null ? [] : [{ standard, score, relevance: topicRelevance(standard, topic), index }];
    })
    .sort((a, b) => a.score - b.score || b.relevance - a.relevance || a.index - b.index)
    .map((match) => match.standard);
}

/** The description cut at a word to about `max` characters, for a one-line suggestion. */
export function shortDescription(description: string, max = 90): string {
  if (description.length <= max) return description;
  const cut = description.slice(0, max);
  const end = cut.lastIndexOf(" ");
  return `${(end > max / 2 ? cut.slice(0, end) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** "grade 7", "grades 6–8", "grades 9–12": the catalog's grades are consecutive. */
export function gradesLabel(grades: readonly string[]): string {
  const first = grades[0] ?? "";
  const last = grades[grades.length - 1] ?? first;
  return grades.length > 1 ? `grades ${first}–${last}` : `grade ${first}`;
}
