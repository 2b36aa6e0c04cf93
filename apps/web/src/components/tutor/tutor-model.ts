// What the tutor's panels say and choose, kept apart from the components so it can be tested
// without rendering: the sentence shown while a parent's consent is missing, the student's
// suggestion chips, and the list of students a teacher can filter the class's conversations by.
import type { ConsentState } from "@toolboxai/validators";

/** The promise the panel makes before anything is typed (the answer guard keeps it on the server). */
export const TUTOR_EXPLANATION = "Your tutor helps you think it through — it won't give you quiz answers.";

/** Things a student often wants to ask, one click away. */
export const TUTOR_SUGGESTIONS = [
  "Explain this in a simpler way",
  "Give me a hint",
  "What are my assignments?",
] as const;

/**
 * Why the tutor is closed for this student, or null when it is open. Only consent is known before
 * sending: anything else (an archived class, the school's AI budget spent) comes back as the send's
 * error, which the thread shows.
 */
export function tutorClosedReason(state: ConsentState): string | null {
  if (state === "required") {
    return "Because you are under 13, a parent or guardian must allow AI features before you can use the tutor. Ask them to turn AI features on in the parent view of ToolboxAI.";
  }
  if (state === "revoked") {
    return "A parent or guardian has turned AI features off for you, so the tutor is closed. They can turn AI features back on in the parent view of ToolboxAI.";
  }
  return null;
}

export interface Person {
  id: string;
  name: string;
}

/**
 * The students a teacher can filter by: everyone on the roster, and anyone who is no longer on
 * it but still has conversations in the class. Each once, by name.
 */
export function filterableStudents(roster: readonly Person[], owners: readonly Person[]): Person[] {
  const byId = new Map<string, Person>();
  for (const p of [...roster, ...owners]) if (!byId.has(p.id)) byId.set(p.id, { id: p.id, name: p.name });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** "1 message", "12 messages". */
export function messageCountText(count: number): string {
  return `${count} ${count === 1 ? "message" : "messages"}`;
}
