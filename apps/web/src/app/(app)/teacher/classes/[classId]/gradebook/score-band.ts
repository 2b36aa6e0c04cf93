/**
 * A quiz score is colored by band so a teacher can scan the gradebook; the number is always shown
 * too. Each band's text takes the band's own color (dark in light mode, light in dark mode) over a
 * pale tint of it, which keeps every band above WCAG AA's 4.5:1 (score-band.test.ts measures it).
 */
export const SCORE_BANDS = [
  { min: 80, color: "success", tint: 0.15, className: "bg-success/15 text-success" },
  { min: 50, color: "warning", tint: 0.15, className: "bg-warning/15 text-warning" },
  { min: 0, color: "destructive", tint: 0.1, className: "bg-destructive/10 text-destructive" },
] as const;

export function band(percent: number): string {
  return (SCORE_BANDS.find((b) => percent >= b.min) ?? SCORE_BANDS[2]).className;
}

/** What a class-average cell averages: quiz scores, or how far students got through a lesson. */
export function averageLabel(type: string): string {
  return type === "QUIZ" ? "mean score" : "mean completion";
}
