// What each query and path parameter of the REST API means, by name (the same name means the same
// thing on every operation, but for `search`, whose matching differs by collection). The document
// fills a parameter's description from here when its schema carries none of its own.

const FULL_TEXT =
  'Full-text search over the title, description and text: whole words (English stemming, so `plates` finds `plate`), `"quoted phrases"`, `or` and `-excluded` words; not a substring match.';
const SUBSTRING = "Case-insensitive substring match on the name or email.";

const PATH: Record<string, string> = {
  classId: "The class's id.",
  contentId: "The content item's id.",
  assignmentId: "The assignment's id.",
  attemptId: "The attempt's id.",
  userId: "The user's id.",
  questionId: "The question's id.",
  studentId: "The student's user id.",
  taskId: "The agent task's id (from `POST /content/generate` or the task list).",
  parentId: "The parent's user id.",
  keyId: "The API key's id (not the key itself).",
  threadId: "The message thread's id.",
  quizId: "The quiz's id (a content item of type QUIZ).",
  environmentId: "The environment's id (a content item of type ENVIRONMENT).",
  version: "The version number (1 for the first saved version).",
  sectionId: "The section's id within the lesson.",
  metric: "Which metric's trend (`daily_active_users`, `new_users`, `content_created`, ...).",
  format: "The file's format: `json`, `csv` or `xlsx`.",
};

const QUERY: Record<string, string> = {
  includeArchived: "`true` to include archived classes as well (default `false`).",
  confirmDeletedWork:
    "How many students' attempts this deletes, as shown to the teacher; required (non-zero) when the assignment has work, else the request answers 409 with the number.",
  page: "The page to return, from 1.",
  pageSize: "How many items per page (1–100).",
  role: "Only users with this role.",
  status: "Only items in this status.",
  type: "Only items of this type.",
  subject: "Only items of this subject (exact match).",
  gradeLevel: "Only items for this grade level.",
  authorId: "Only items written by this user.",
  tag: "Only items carrying this tag.",
  deleted: "`true` to list the items in the trash (deleted, restorable) instead of the live ones.",
  cursor: "The `nextCursor` of the previous page; omit it for the first page.",
  limit: "How many items per page at most; a page with more to follow answers a `nextCursor`.",
  scope: "`mine` (questions you wrote), `shared` (shared with you) or `all`.",
  force_refresh: "`true` to recompute the numbers now instead of answering from the cache (default `false`).",
  period: "The period compared with the one before: `day`, `week` (default), `month`, `quarter` or `year`.",
  date_range: "The last `7d`, `30d` (default) or `90d`.",
  weeks: "How many weekly cohorts (1–26, default 8), the latest last.",
  regradePolicy:
    "What happens to the scores of attempts that answered the question: required when students have answered it (else 409).",
};

const SEARCH: Record<string, string> = {
  "/users": SUBSTRING,
  "/classes/{classId}/available-students": SUBSTRING,
  "/questions": "Case-insensitive substring match on the question's prompt.",
};

/** The description of the parameter `name` in `where` of the operation at `path`. */
export function parameterDescription(path: string, where: string, name: string): string | undefined {
  if (where === "path") return PATH[name];
  if (where !== "query") return undefined;
  if (name === "search") return SEARCH[path] ?? FULL_TEXT;
  return QUERY[name];
}
