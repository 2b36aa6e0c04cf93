// The audit log an admin reads: filters, one entry, a page of entries, the filter bar's choices,
// the people picker, and each action in plain words.
import { z } from "zod";
import { inputDate, isoDate, pageInputSchema, roleSchema } from "./common";
import { textSchema } from "./text";

const filterText = textSchema.trim().min(1).max(200);

/**
 * Which entries: by the person who acted (`actorId`), the action, the target (type and id), the
 * request chain (`correlationId`), a time range (`from` and `to`, both inclusive) and free text
 * (the action, target, correlation id, or the person's name or email).
 */
export const auditFilterSchema = z.object({
  actorId: filterText.meta({ description: "Only what this person (a user id) did." }).optional(),
  action: filterText.meta({ description: "Only this action (`user.role_changed`, `auth.sign_in`, ...)." }).optional(),
  targetType: filterText
    .meta({ description: "Only actions on this kind of target (`User`, `ApiKey`, ...)." })
    .optional(),
  targetId: filterText.meta({ description: "Only actions on the target with this id." }).optional(),
  correlationId: filterText
    .meta({ description: "Only what the request chain with this correlation id did (its `X-Correlation-Id`)." })
    .optional(),
  from: inputDate()
    .meta({
      description: "Only entries at or after this moment (ISO 8601).",
      override: { type: "string", format: "date-time" },
    })
    .optional(),
  to: inputDate()
    .meta({
      description: "Only entries at or before this moment (ISO 8601).",
      override: { type: "string", format: "date-time" },
    })
    .optional(),
  search: textSchema
    .trim()
    .max(100)
    .meta({
      description:
        "Case-insensitive substring match on the action, target type and id, correlation id, or the acting person's name or email.",
    })
    .optional(),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;
export type AuditFilterInput = z.input<typeof auditFilterSchema>;

export const auditListInputSchema = pageInputSchema.extend(auditFilterSchema.shape);
export type AuditListInput = z.input<typeof auditListInputSchema>;

/** The CSV export takes the list's filters (every matching entry, newest first, not one page). */
export const auditExportInputSchema = auditFilterSchema.meta({
  examples: [{ action: "user.role_changed", from: "2026-12-01T00:00:00.000Z", to: "2026-12-31T23:59:59.999Z" }],
});

export const auditEntrySchema = z
  .object({
    id: z.string(),
    createdAt: isoDate(),
    action: z.string(),
    /** Who acted; null for an event without a person (a "forgot password" request, a scheduled job). */
    actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    correlationId: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({
    id: "AuditEntry",
    examples: [
      {
        id: "cm4audit00000000000000000",
        createdAt: "2026-12-02T14:05:00.000Z",
        action: "user.role_changed",
        actor: { id: "cm4admin00000000000000000", name: "Ada Admin", email: "ada@school.example" },
        targetType: "User",
        targetId: "cm4student0000000000000",
        metadata: { from: "STUDENT", to: "TEACHER", requestId: "0b7e5a8e-8f0c-4d57-9d8a-0f3f2f0e1c11" },
        correlationId: "4a3f9a1e-3c55-4a53-8b3e-6f1f7d9c2b10",
        requestId: "0b7e5a8e-8f0c-4d57-9d8a-0f3f2f0e1c11",
      },
    ],
  });
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
export type AuditList = z.infer<typeof auditListSchema>;

/** The filter bar's choices: the organization (its time zone for the times), the actions and target types in its log. */
export const auditFiltersSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  actions: z.array(z.string()),
  targetTypes: z.array(z.string()),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** The person picker: people of the organization by name or email (deleted accounts too: their rows stay), or one by id. */
export const auditPeopleInputSchema = z.object({
  search: textSchema.trim().max(100).optional(),
  userId: filterText.optional(),
});
export const auditPersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
});
export const auditPeopleSchema = z.object({ items: z.array(auditPersonSchema) });
export type AuditPerson = z.infer<typeof auditPersonSchema>;

/** What the known actions are called on the audit page and in its CSV. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "ai.generation_refused": "Was refused an AI generation (budget or role)",
  "ai.task_cancelled": "Cancelled someone's AI generation",
  "ai.task_retried": "Retried someone's AI generation",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "api_key.rotated": "Rotated an API key",
  "attempt.feedback_returned": "Returned feedback on an attempt",
  "auth.app_session_revoked": "Signed out of an app",
  "auth.app_session_started": "Signed in to an app",
  "auth.other_sessions_signed_out": "Signed out of other sessions",
  "auth.password_reset": "Reset their password with a link",
  "auth.password_reset_requested": "Asked for a password reset link",
  "auth.refresh_token_reused": "An app's used refresh token came back (session ended)",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Failed to sign in",
  "auth.sign_in_locked": "Sign-in locked after too many failures",
  "auth.sign_out": "Signed out",
  "class.created": "Created a class",
  "class.student_added": "Added a student to a class",
  "class.student_removed": "Removed a student from a class",
  "consent.granted": "Gave parental consent",
  "consent.revoked": "Withdrew parental consent",
  "data_export.downloaded": "Downloaded a data export",
  "data_export.requested": "Asked for a data export",
  "erasure.cancelled": "Undid an erasure",
  "erasure.purged": "Purged an erased person's data",
  "erasure.requested": "Asked to erase a person",
  "import.completed": "Imported people and classes",
  "import.failed": "An import failed",
  "me.profile_updated": "Edited their profile",
  "metrics.cache_cleared": "Cleared the metrics cache",
  "organization.settings_updated": "Changed the organization's settings",
  "question.created": "Created a question",
  "question.regraded": "Regraded a question",
  "question.removed": "Removed a question",
  "question.shared": "Shared a question",
  "question.updated": "Edited a question",
  "quiz.questions_set": "Set a quiz's questions",
  "retention.applied": "Applied the retention periods",
  "user.birth_date_set": "Set a birth date",
  "user.created": "Created a person",
  "user.deactivated": "Deactivated a person",
  "user.deleted": "Deleted a person",
  "user.parent_linked": "Linked a parent to children",
  "user.parent_unlinked": "Unlinked a parent from a child",
  "user.password_changed": "Changed their password",
  "user.password_reset_link_created": "Made a password reset link",
  "user.profile_updated": "Edited their profile",
  "user.reactivated": "Reactivated a person",
  "user.role_changed": "Changed a person's role",
  "user.temporary_password_set": "Set a temporary password",
  "user.updated": "Edited a person's details",
};

/** An action in plain words: its label, or else "User: role changed" from `user.role_changed`. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const [area = "", ...rest] = action.split(".");
  const words = (s: string) => s.replace(/[_-]+/g, " ").trim();
  const head = words(area);
  const tail = words(rest.join(" "));
  const capital = head ? head.charAt(0).toUpperCase() + head.slice(1) : "";
  return tail ? `${capital}: ${tail}` : capital || action;
}
