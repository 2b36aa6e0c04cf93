// Whether an answer's form holds unsaved marks, compared as numbers with what was saved (pure
// functions, so they are tested without a browser).

/** The part of a reviewed answer the marks compare against. */
interface Marked {
  points: number | null;
  rubric: { id: string }[] | null;
  rubricScores: Record<string, number> | null;
}

/** A typed mark or points as a number (blank: none). */
export const typedNumber = (text: string): number | null => (text.trim() === "" ? null : Number(text));

/** The rubric marks as the form shows them: the saved ones, or blanks when never marked. */
export const marksText = (q: Marked): Record<string, string> =>
  Object.fromEntries((q.rubric ?? []).map((c) => [c.id, q.rubricScores ? String(q.rubricScores[c.id] ?? 0) : ""]));

/**
 * Whether the typed marks differ from the saved ones, as numbers: "1.50" is 1.5, and a blank is
 * 0 once the rubric was marked (that is how it is saved).
 */
export function marksDiffer(q: Marked, typed: Record<string, string>): boolean {
  return (q.rubric ?? []).some((c) => {
    const mark = typedNumber(typed[c.id] ?? "");
    if (!q.rubricScores) return mark !== null;
    return (mark ?? 0) !== (q.rubricScores[c.id] ?? 0);
  });
}

/** Whether the typed points differ from the saved ones ("1.50" is the saved 1.5). */
export const pointsDiffer = (q: Marked, typed: string) => typedNumber(typed) !== q.points;
