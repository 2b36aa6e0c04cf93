// Which curriculum standards a question is aligned to. Two sources, together:
// 1. generated with: the standards of the generation request (AgentTask.request.standards) that
//    drafted the quiz the question was answered in;
// 2. tagged with: the question's bank tags that are standard codes. Tags are free words
//    ("photosynthesis", "unit-3"), so a tag counts only when, upper-cased, it is a code of the
//    built-in catalog or has the shape of an NGSS performance expectation (`MS-LS1-6`, `K-PS2-1`,
//    `HS-ETS1-2`) or a Common Core code (`CCSS.MATH.CONTENT.7.RP.A.2`).
// Codes are compared upper-case, as the generate request stores them.
import { STANDARDS_CATALOG } from "@toolboxai/agents";

const CATALOG = new Set(STANDARDS_CATALOG.map((s) => s.code.toUpperCase()));
const NGSS = /^(K|[1-5]|MS|HS)-(PS|LS|ESS|ETS)[1-4]-\d{1,2}$/;
const CCSS = /^CCSS\.(MATH|ELA-LITERACY)(\.[A-Z0-9-]+){2,}$/;

/** The tag as a standard code, or null when it is not one. */
export function standardFromTag(tag: string): string | null {
  const code = tag.trim().toUpperCase();
  return CATALOG.has(code) || NGSS.test(code) || CCSS.test(code) ? code : null;
}

/** The standards of a generation request (`AgentTask.request`), upper-case; none when it has none. */
export function standardsOfRequest(request: unknown): string[] {
  const standards = (request as { standards?: unknown } | null)?.standards;
  if (!Array.isArray(standards)) return [];
  return standards
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .map((s) => s.trim().toUpperCase());
}

/** A question's standards: its standard-code tags and its quiz's generation request's, each once, sorted. */
export function questionStandards(tags: readonly string[], generatedWith: Iterable<string>): string[] {
  const codes = new Set<string>(generatedWith);
  for (const tag of tags) {
    const code = standardFromTag(tag);
    if (code) codes.add(code);
  }
  return [...codes].sort();
}
