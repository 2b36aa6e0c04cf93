// The audit page's filters as they live in the URL (so a filtered log is a link to share), and
// what the page turns them into: the `audit.list` input, with the "from" and "to" days as the
// first and last moment of those days in the organization's time zone. Plain functions, shared by
// the server page (its prefetch) and the client component, so both ask for the same input.
import type { AuditFilterInput, AuditListInput } from "@toolboxai/validators";

export const AUDIT_PAGE_SIZE = 25;

/** The URL's query names. */
export const AUDIT_PARAM_NAMES = [
  "actorId",
  "action",
  "targetType",
  "targetId",
  "correlationId",
  "from",
  "to",
  "q",
  "page",
] as const;
export type AuditParamName = (typeof AUDIT_PARAM_NAMES)[number];
export type AuditParams = Partial<Record<AuditParamName, string>>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters of a URL query (unknown names dropped, blanks dropped, a malformed day or page ignored). */
export function readAuditParams(query: URLSearchParams | Record<string, string | string[] | undefined>): AuditParams {
  const get = (name: string): string | undefined => {
    const raw = query instanceof URLSearchParams ? query.get(name) : query[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return value ? value.slice(0, 200) : undefined;
  };
  const out: AuditParams = {};
  for (const name of AUDIT_PARAM_NAMES) {
    const value = get(name);
    if (value === undefined) continue;
    if ((name === "from" || name === "to") && !DAY.test(value)) continue;
    if (name === "page" && !/^[1-9]\d{0,4}$/.test(value)) continue;
    out[name] = value;
  }
  return out;
}

/** The query string of a set of filters (`?action=user.created&page=2`; "" for none), in a stable order. */
export function auditQueryString(params: AuditParams): string {
  const search = new URLSearchParams();
  for (const name of AUDIT_PARAM_NAMES) {
    const value = params[name];
    if (value) search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The offset of `timeZone` from UTC at `at`, in milliseconds (positive east of Greenwich). */
function zoneOffset(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** Whether the runtime knows `timeZone` (else the page falls back to UTC). */
export function knownTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/**
 * The moment a wall-clock time of `day` (YYYY-MM-DD) happens in `timeZone`: `endOfDay` false is
 * 00:00:00.000, true is 23:59:59.999.
 */
export function zonedDayBound(day: string, timeZone: string, endOfDay: boolean): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = endOfDay ? Date.UTC(y, m - 1, d, 23, 59, 59, 999) : Date.UTC(y, m - 1, d);
  // The offset at the wall time read as UTC, then again at the result (a DST change that day).
  let at = wall - zoneOffset(new Date(wall), timeZone);
  at = wall - zoneOffset(new Date(at), timeZone);
  return new Date(at);
}

/** The filters as the procedures take them (without the page), days read in `timeZone`. */
export function auditFilterInput(params: AuditParams, timeZone: string): AuditFilterInput {
  const tz = knownTimeZone(timeZone);
  return {
    ...(params.actorId ? { actorId: params.actorId } : {}),
    ...(params.action ? { action: params.action } : {}),
    ...(params.targetType ? { targetType: params.targetType } : {}),
    ...(params.targetId ? { targetId: params.targetId } : {}),
    ...(params.correlationId ? { correlationId: params.correlationId } : {}),
    ...(params.from ? { from: zonedDayBound(params.from, tz, false) } : {}),
    ...(params.to ? { to: zonedDayBound(params.to, tz, true) } : {}),
    ...(params.q ? { search: params.q.slice(0, 100) } : {}),
  };
}

/** The `audit.list` input of a URL's filters. */
export function auditListInput(params: AuditParams, timeZone: string): AuditListInput {
  return { ...auditFilterInput(params, timeZone), page: Number(params.page ?? 1), pageSize: AUDIT_PAGE_SIZE };
}

/** Whether any filter (other than the page) is set. */
export function isFiltered(params: AuditParams): boolean {
  return AUDIT_PARAM_NAMES.some((name) => name !== "page" && Boolean(params[name]));
}

const formats = new Map<string, Intl.DateTimeFormat>();
/**
 * "Dec 2, 2026, 3:04:05 PM GMT+1": a moment in the organization's time zone. The zone is chosen,
 * not the runtime's, so the server and the browser render the same text (no hydration mismatch).
 */
export function formatInZone(value: Date, timeZone: string): string {
  const tz = knownTimeZone(timeZone);
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en", {
      timeZone: tz,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "short",
    });
    formats.set(tz, f);
  }
  return f.format(value);
}

/** Metadata the row already shows elsewhere, or that is about the transport, not the event. */
const HIDDEN_DETAILS = new Set(["requestId", "sessionId", "apiKeyId"]);

function detailText(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(detailText).join(", ");
  if (typeof value === "object") {
    const o = value as Record<string, unknown>;
    if ("from" in o && "to" in o) return `${detailText(o.from)} → ${detailText(o.to)}`;
    return Object.entries(o)
      .map(([k, v]) => `${k} ${detailText(v)}`)
      .join(", ");
  }
  return String(value);
}

/** "role: STUDENT → TEACHER · sessionsEnded: 2": the row's details in one line, at most `max` characters. */
export function detailsSummary(metadata: Record<string, unknown>, max = 140): string {
  const text = Object.entries(metadata)
    .filter(([key]) => !HIDDEN_DETAILS.has(key))
    .map(([key, value]) => `${key}: ${detailText(value)}`)
    .join(" · ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
