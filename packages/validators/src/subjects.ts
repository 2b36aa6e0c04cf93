// What a subject, as a teacher types it ("Life Science", "Algebra I"), is about: the drafting
// agents write for its domain, and the standards agent and the Generate form's picker use it to
// tell which curriculum standards fit. One copy, so the form suggests what the agent accepts.
export type SubjectDomain = "science" | "math" | "ela" | "social" | "general";

/** The built-in catalog's subjects (NGSS science, Common Core math and ELA/literacy). */
export const catalogSubjects = ["Science", "Math", "ELA"] as const;
export type CatalogSubject = (typeof catalogSubjects)[number];

const DOMAIN_PATTERNS: [RegExp, SubjectDomain][] = [
  [/scien|biolog|chemi|physic|earth|life|ecolog|astronom|anatom|geolog|environment|stem/, "science"],
  [/math|algebra|geometr|calcul|statist|arithmet|number|trigon/, "math"],
  [/english|\bela\b|language arts|reading|writing|literat|grammar|phonics|poetry/, "ela"],
  [/histor|social|civic|geograph|econom|government|politic|world|cultur/, "social"],
];

export function subjectDomainOf(subject: string): SubjectDomain {
  const s = subject.toLowerCase();
  return DOMAIN_PATTERNS.find(([pattern]) => pattern.test(s))?.[1] ?? "general";
}

/**
 * The catalog subjects whose standards fit a domain. Literacy standards (reading and writing,
 * including literacy in history and science) fit science and social studies too.
 */
export const CATALOG_SUBJECTS_BY_DOMAIN: Record<SubjectDomain, readonly CatalogSubject[]> = {
  science: ["Science", "ELA"],
  math: ["Math"],
  ela: ["ELA"],
  social: ["ELA"],
  general: [],
};

/** Whether a catalog standard of `catalogSubject` fits a subject as typed. */
export function catalogSubjectFits(catalogSubject: CatalogSubject, subject: string): boolean {
  return CATALOG_SUBJECTS_BY_DOMAIN[subjectDomainOf(subject)].includes(catalogSubject);
}
