// Whose numbers a caller sees, as data: the whole organization, or one teacher's classes.
// (Apart from ./scope.ts, which resolves it, so the cache can name a scope without a context.)

export type MetricsScope =
  | { kind: "organization" }
  | {
      kind: "teacher";
      teacherId: string;
      /** The teacher's classes that are not archived. */
      classIds: string[];
      /** The students enrolled in those classes (each once). */
      studentIds: string[];
    };

/** The part of a cache key that says whose numbers these are. */
export function scopeKeyPart(scope: MetricsScope): string {
  return scope.kind === "organization" ? "org" : `teacher:${scope.teacherId}`;
}

/** The scope as the API's shapes show it (`scope: { kind, teacher_id }`). */
export function scopeView(scope: MetricsScope): { kind: "organization" | "teacher"; teacher_id: string | null } {
  return scope.kind === "organization"
    ? { kind: "organization", teacher_id: null }
    : { kind: "teacher", teacher_id: scope.teacherId };
}
