// Text helpers shared by the drafts and the reviewer: clipping, the topic's key term, a
// Flesch–Kincaid estimate, and the privacy / age-appropriateness scans (with their clean-up).

/** Cuts a string to `max` characters (on a word boundary when it can), adding an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function cap(text: string): string {
  return text.length > 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * The topic's key term: its first clause ("Photosynthesis, grade 7, with a Roblox lab" ->
 * "Photosynthesis"), at most 80 characters.
 */
export function keyTermOf(topic: string): string {
  const first =
    topic.split(/[,:;(\n]| - | – | — |\b(?:with|and|plus) (?:an? )?roblox\b|\bin roblox\b|\bfor grade\b/i)[0]?.trim() ??
    "";
  const term = first.length >= 3 ? first : topic.trim();
  return clip(term.replace(/[.!?]+$/, ""), 80);
}

/** A key term as it reads inside a sentence: lower-cased unless it looks like a proper noun or acronym. */
export function inSentence(term: string): string {
  const words = term.split(/\s+/);
  const proper = words.some((w, i) => (i > 0 && /^[A-Z]/.test(w)) || /^[A-Z]{2,}/.test(w));
  return proper ? term : term.charAt(0).toLowerCase() + term.slice(1);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Markdown to plain text, for measuring and scanning. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}#{1,6}\s*/gm, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^\s*>\s?/gm, "")
    .replace(/\|/g, "\n")
    .replace(/[*_~]+/g, "");
}

/** Sentences of a text: split at sentence punctuation and at line breaks (list items and table cells). */
export function sentencesOf(text: string): string[] {
  return plainText(text)
    .split(/\n+|(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]/.test(s) && !/^[-:\s]+$/.test(s));
}

export function wordsOf(text: string): string[] {
  return text.match(/[A-Za-z]+(?:['’][A-Za-z]+)?/g) ?? [];
}

export function syllables(word: string): number {
  let w = word.toLowerCase().replace(/['’].*$/, "");
  if (w.length <= 3) return 1;
  w = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, "").replace(/^y/, "");
  const groups = w.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/**
 * Flesch–Kincaid grade of a (markdown) text, or null when it is too short to measure. Phrases
 * in `exclude` (the topic the teacher chose) are not counted against the text.
 */
export function fleschKincaid(text: string, exclude: string[] = []): number | null {
  let t = text;
  for (const phrase of exclude) {
    if (phrase.trim().length >= 3) t = t.replace(new RegExp(escapeRegExp(phrase.trim()), "gi"), "it");
  }
  const sentences = sentencesOf(t);
  let words = 0;
  let syl = 0;
  for (const s of sentences) {
    for (const w of wordsOf(s)) {
      words += 1;
      syl += syllables(w);
    }
  }
  if (words < 30 || sentences.length === 0) return null;
  return Math.round((0.39 * (words / sentences.length) + 11.8 * (syl / words) - 15.59) * 10) / 10;
}

// --- Privacy and age scans --------------------------------------------------------------------

export interface TextIssue {
  category: "privacy" | "age";
  severity: "warning" | "blocker";
  message: string;
}

const PERSONAL_INFO: [RegExp, string][] = [
  [
    /\b(?:your|their|students?['’]?s?|child['’]?s|kids?['’]?s?|parents?['’]?s?|family['’]?s?)\s+(?:own\s+)?(?:home|street|mailing|house)\s+address(?:es)?\b/i,
    "a home address",
  ],
  [/\byour\s+(?:own\s+)?address\b/i, "a home address"],
  [/\bwhere\s+(?:do\s+)?(?:you|they)\s+live\b/i, "where students live"],
  [
    /\b(?:your|their|students?['’]?s?|parents?['’]?s?)\s+(?:own\s+)?(?:full\s+name|first\s+and\s+last\s+names?|last\s+names?|surnames?)\b/i,
    "a full name",
  ],
  [
    /\b(?:your|their|students?['’]?s?|parents?['’]?s?)\s+(?:own\s+)?(?:home\s+|cell\s+|mobile\s+)?(?:tele)?phone(?:\s+numbers?)?\b/i,
    "a phone number",
  ],
  [
    /\b(?:your|their|students?['’]?s?|parents?['’]?s?)\s+(?:own\s+)?e-?mail(?:\s+address(?:es)?)?\b/i,
    "an email address",
  ],
  [/\b(?:your|their|students?['’]?s?)\s+(?:own\s+)?(?:birthday|birth\s*date|date\s+of\s+birth)\b/i, "a birthday"],
  [
    /\b(?:your|their|students?['’]?s?)\s+(?:own\s+)?(?:passwords?|usernames?|social\s+security\s+numbers?)\b/i,
    "a password or account",
  ],
  [
    /\b(?:photos?|photographs?|pictures?|selfies?|videos?)\s+of\s+(?:yourself|yourselves|themselves|your\s+(?:face|family|house|home))\b/i,
    "photos of students or their homes",
  ],
  [
    /\b(?:upload|send|post|share)\s+(?:us\s+|me\s+)?(?:a\s+|your\s+)?(?:selfies?|photos?\s+of\s+you)\b/i,
    "photos of students",
  ],
  [/\byour\s+(?:own\s+)?(?:photos?|selfies?)\b/i, "photos of students"],
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const PHONE = /(?:\+?\d{1,2}[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]\d{3}[\s.-]\d{4}\b/;
const INSECURE_URL = /\b(?:http|ftp):\/\/[^\s)"'<>\]]+/i;

/** Personal information a text asks students for, or contact details and insecure links it contains. */
export function privacyIssues(text: string): TextIssue[] {
  const issues: TextIssue[] = [];
  const asked = new Set<string>();
  for (const [pattern, what] of PERSONAL_INFO) {
    const m = pattern.exec(text);
    if (m && !asked.has(what)) {
      asked.add(what);
      issues.push({
        category: "privacy",
        severity: "blocker",
        message: `Asks students for personal information (${what}): "${clip(m[0], 60)}". Remove it; students must not share personal details (COPPA).`,
      });
    }
  }
  const email = EMAIL.exec(text);
  if (email)
    issues.push({
      category: "privacy",
      severity: "warning",
      message: `Contains an email address (${clip(email[0], 60)}). Remove contact details from student materials.`,
    });
  const phone = PHONE.exec(text);
  if (phone)
    issues.push({
      category: "privacy",
      severity: "warning",
      message: `Contains a phone number (${phone[0]}). Remove contact details from student materials.`,
    });
  const url = INSECURE_URL.exec(text);
  if (url)
    issues.push({
      category: "privacy",
      severity: "warning",
      message: `Links to a non-https address (${clip(url[0], 80)}). Use https links only.`,
    });
  return issues;
}

/** Words that do not belong in K-8 materials (a small list; the teacher's own topic is not scanned). */
export const AGE_INAPPROPRIATE_WORDS = [
  "murder",
  "murdered",
  "gore",
  "gory",
  "bloodbath",
  "sexy",
  "porn",
  "drunk",
  "beer",
  "vodka",
  "whiskey",
  "cigarette",
  "cigarettes",
  "vape",
  "vaping",
  "marijuana",
  "cocaine",
  "gambling",
  "casino",
  "damn",
  "crap",
  "stupid",
  "idiot",
  "dumb",
  "shut up",
  "suicide",
  "torture",
];

const AGE_PATTERN = new RegExp(`\\b(?:${AGE_INAPPROPRIATE_WORDS.map(escapeRegExp).join("|")})\\b`, "gi");

/** Inappropriate words found in a text for a K-8 audience (none for grade 9 and up). */
export function ageWords(text: string, grade: number, exclude: string[] = []): string[] {
  if (grade > 8) return [];
  let t = text;
  for (const phrase of exclude) {
    if (phrase.trim().length >= 3) t = t.replace(new RegExp(escapeRegExp(phrase.trim()), "gi"), " ");
  }
  const found = new Set<string>();
  for (const m of t.matchAll(AGE_PATTERN)) found.add(m[0].toLowerCase());
  return [...found];
}

/** True when one sentence has a privacy or age problem. */
export function sentenceHasIssue(sentence: string, grade: number, exclude: string[] = []): boolean {
  return privacyIssues(sentence).length > 0 || ageWords(sentence, grade, exclude).length > 0;
}

/**
 * Removes every sentence with a privacy or age problem from a markdown text, keeping its lines,
 * list markers and headings. Lines left empty are dropped.
 */
export function scrubText(markdown: string, grade: number, exclude: string[] = []): string {
  const lines = markdown.split("\n");
  const kept: string[] = [];
  for (const line of lines) {
    if (!sentenceHasIssue(line, grade, exclude)) {
      kept.push(line);
      continue;
    }
    const marker = /^(\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+)/.exec(line)?.[1] ?? "";
    const body = line.slice(marker.length);
    const sentences = body.split(/(?<=[.!?])\s+/);
    const clean = sentences.filter((s) => !sentenceHasIssue(s, grade, exclude)).join(" ");
    if (/[A-Za-z0-9]/.test(clean.replace(/[*_`]/g, ""))) kept.push(`${marker}${clean}`);
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
