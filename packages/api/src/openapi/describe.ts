// The words of the OpenAPI document: its introduction (how to authenticate, the error shape,
// rate limits, correlation headers) and what each tag is about.
import { PROBLEMS } from "./problem";

export const API_TITLE = "ToolboxAI API";
/** The REST API's version (the document's `info.version`); bump it with the SDK. */
export const API_VERSION = "1.0.0";

/** Tags in the order the docs list them, with what each covers. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: "Tokens for first-party apps: sign in with email and password, refresh, revoke.",
  me: "The caller's own account.",
  users: "The organization's people (admins).",
  classes: "Classes, their rosters and join codes.",
  content: "The content library: lessons, quizzes, activities and Roblox environments; versions, publishing, copies.",
  questions: "The question bank and quiz composition.",
  assignments: "Content assigned to classes, and students' work on it.",
  attempts: "A student's quiz attempts: start, save answers, submit, see results.",
  gradebook: "Scores by class and student, as JSON or CSV.",
  messages: "Direct threads and class announcements.",
  agents: "AI content generation: start a task, follow it, cancel or retry it.",
  roblox: "Roblox environments for the Studio plugin: Rojo projects.",
  metrics: "The dashboard's numbers (users, content, engagement, system), activity, statistics per period, exports.",
  analytics: "Daily trends, weekly sign-up cohorts, exports, and one class's results.",
  admin: "Organization administration: API keys and their usage.",
  audit: "The organization's audit log: who did what, filtered, and its CSV export (admins).",
  organization: "The organization's settings: time zone, grading display, sign-in domains, retention, AI (admins).",
  health: "Whether the service and its dependencies are up.",
};

const problemList = Object.entries(PROBLEMS)
  .map(([code, p]) => `| ${p.status} | \`${code}\` | ${p.title} |`)
  .join("\n");

export const API_DESCRIPTION = `The REST API of ToolboxAI. It calls the same procedures as the web app: the same roles,
organization boundaries, validation and limits apply.

## Authentication

Send a credential in a header, never in the URL:

- **API key** (services, the Roblox Studio plugin, school systems): \`Authorization: Bearer tbx_live_…\` or
  \`X-API-Key: tbx_live_…\`. Admins create keys for the organization and teachers for themselves, in
  the web app under *API keys*. A key acts as the user who created it, limited to its **scopes**:
  each operation lists the scope it needs, and a key without it gets 403 naming the scope.
  Operations that list no scope cannot be called with a key.
- **App access token** (the mobile app): \`Authorization: Bearer <access token>\` from
  \`POST /auth/token\`; refresh it with \`POST /auth/refresh\`. Tokens act with the user's full role.

Keys match \`tbx_live_[0-9A-Za-z]{36}\` (the last 6 characters are a checksum), so secret scanners can
spot a leaked one.

## Errors

Every 4xx and 5xx answer is [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem details,
\`application/problem+json\`: \`type\`, \`title\`, \`status\`, \`detail\`, \`instance\`, a stable \`code\`,
\`requestId\` and \`correlationId\`; invalid input adds \`errors\` (a JSON Pointer per invalid member)
and \`fieldErrors\` (messages by field). Branch on \`code\`, not on \`detail\`.

| status | code | title |
| --- | --- | --- |
${problemList}

Each \`type\` links to its explanation under [/docs/problems](/docs/problems).

## Rate limits

Every caller is limited (per API key, per user, per client address for anonymous calls; some
operations, like content generation, have a limit of their own; higher plans get more). Limited
responses carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (Unix
seconds), and the IETF draft's \`RateLimit-Policy\` and \`RateLimit\`; a 429 adds \`Retry-After\` (seconds).

## Correlation

Every response carries \`X-Request-ID\` (new for each request; quote it when reporting a problem)
and \`X-Correlation-ID\` (yours when you send a sane one, up to 128 characters of \`[A-Za-z0-9._:-]\`,
else a new UUID), plus \`X-Service-Name\` and \`X-Chain-Depth\`. Send \`X-Parent-Correlation-ID\` and
\`X-Chain-Depth\` when your request is itself part of a chain: above a depth of 10 it is refused with 508.

## Conventions

Bodies are JSON objects (\`application/json\`, at most 1 MiB). Dates are ISO 8601 strings.
Creating answers 201, starting background work 202.`;
