import type { ContentSummary } from "@toolboxai/validators";
import { Badge } from "~/components/ui/badge";

type ContentType = ContentSummary["type"];
type ContentStatus = ContentSummary["status"];

export const TYPE_LABEL: Record<ContentType, string> = {
  LESSON: "Lesson",
  QUIZ: "Quiz",
  ACTIVITY: "Activity",
  ENVIRONMENT: "Environment",
};

export const STATUS_LABEL: Record<ContentStatus, string> = {
  DRAFT: "Draft",
  GENERATED: "Generated",
  IN_REVIEW: "In review",
  PUBLISHED: "Published",
  ARCHIVED: "Archived",
};

const STATUS_VARIANT = {
  DRAFT: "secondary",
  GENERATED: "warning",
  IN_REVIEW: "warning",
  PUBLISHED: "success",
  ARCHIVED: "outline",
} as const satisfies Record<ContentStatus, "secondary" | "warning" | "success" | "outline">;

export function TypeBadge({ type }: { type: ContentType }) {
  return <Badge variant="outline">{TYPE_LABEL[type]}</Badge>;
}

export function StatusBadge({ status, deleted }: { status: ContentStatus; deleted?: boolean }) {
  if (deleted) return <Badge variant="destructive">Deleted</Badge>;
  return <Badge variant={STATUS_VARIANT[status]}>{STATUS_LABEL[status]}</Badge>;
}
