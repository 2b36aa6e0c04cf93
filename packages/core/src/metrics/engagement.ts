// The engagement score, 0-100 (docs/metrics.md): half for reach (the share of the scope's users
// active), a quarter for lessons completed per active user, a quarter for quizzes submitted per
// active user, each share capped at 1 (one lesson and one quiz per active user a day is full marks).

export interface EngagementInputs {
  /** Active users (a day's, or the mean of several days'). */
  activeUsers: number;
  /** Users in the scope. */
  totalUsers: number;
  /** Lessons completed over the same days (a day's, or the mean). */
  lessonsCompleted: number;
  /** Quizzes submitted over the same days (a day's, or the mean). */
  assessmentsTaken: number;
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** The score, rounded to one decimal; 0 when no one is active or there is no one. */
export function engagementScore(i: EngagementInputs): number {
  if (i.totalUsers <= 0 || i.activeUsers <= 0) return 0;
  const reach = clamp01(i.activeUsers / i.totalUsers);
  const lessons = clamp01(i.lessonsCompleted / i.activeUsers);
  const assessments = clamp01(i.assessmentsTaken / i.activeUsers);
  return Math.round(100 * (0.5 * reach + 0.25 * lessons + 0.25 * assessments) * 10) / 10;
}
