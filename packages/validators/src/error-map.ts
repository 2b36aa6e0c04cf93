// Messages people can read. zod's own messages are written for developers ("Invalid input:
// expected number, received NaN", "Too big: expected number to be <=100"), and they reach people
// whenever a schema has no message of its own: forms show them next to fields, and the API's error
// formatter sends them as field errors. This module installs one error map for the whole process
// (zod's global `customError`), so every schema without an explicit message speaks like the rest of
// the product ("Enter a number", "Must be 100 or less", "Enter at most 200 characters"). Messages a
// schema gives itself (`.min(1, "Enter a name")`) still win: zod prefers them to this map.
//
// The package's index imports this module first, so importing @toolboxai/validators anywhere (the
// web server, the browser's forms, the worker, the agents) installs it. Messages follow the house
// style of the explicit ones: a short sentence, capitalised, without a trailing full stop.
import { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });

function formatNumber(value: number | bigint): string {
  return numberFormat.format(value);
}

/** Numbers near the edge of the safe integer range are limits of the machine, not of the product. */
function isMachineLimit(value: number | bigint): boolean {
  return Math.abs(Number(value)) >= Number.MAX_SAFE_INTEGER;
}

function plural(count: number | bigint, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${Number(count) === 1 ? one : many}`;
}

function formatDate(value: number | bigint | Date): string {
  const date = value instanceof Date ? value : new Date(Number(value));
  return Number.isNaN(date.getTime()) ? "the allowed date" : date.toISOString().slice(0, 10);
}

/** `TEACHER` -> `teacher`, `SHORT_ANSWER` -> `short answer`; other values as they are. */
function optionLabel(value: unknown): string {
  if (typeof value === "string")
    return /^[A-Z][A-Z0-9_]*$/.test(value) ? value.toLowerCase().replace(/_/g, " ") : value;
  if (value === null) return "none";
  return String(value);
}

/** "Choose one of: admin, teacher, student, parent" (a long list is summarised). */
function chooseOneOf(values: readonly unknown[]): string {
  const labels = values.filter((v) => v !== undefined && v !== "").map(optionLabel);
  if (labels.length === 0) return "Leave this empty";
  if (labels.length === 1) return `Must be ${labels[0]}`;
  if (labels.length > 8 || labels.some((l) => l.length > 40)) return "Choose one of the options offered";
  return `Choose one of: ${labels.join(", ")}`;
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: "Enter a valid email address",
  url: "Enter a valid web address, such as https://example.com",
  datetime: "Enter a valid date and time",
  date: "Enter a valid date",
  time: "Enter a valid time",
  duration: "Enter a valid duration",
  uuid: "This is not a valid identifier",
  cuid: "This is not a valid identifier",
  cuid2: "This is not a valid identifier",
  nanoid: "This is not a valid identifier",
  ulid: "This is not a valid identifier",
  emoji: "Enter an emoji",
  ipv4: "Enter a valid IP address",
  ipv6: "Enter a valid IP address",
  json_string: "Enter valid JSON",
};

function invalidType(issue: Extract<RawIssue, { code: "invalid_type" }>): string {
  const input = issue.input;
  if (input === undefined || input === null) return "This field is required";
  switch (issue.expected) {
    case "number":
      return "Enter a number";
    case "int":
      return "Enter a whole number";
    case "bigint":
      return "Enter a whole number";
    case "string":
      return "Enter text";
    case "boolean":
      return "Choose yes or no";
    case "date":
      return "Enter a valid date";
    case "array":
    case "set":
      return "Give a list of values";
    case "object":
    case "record":
    case "map":
      return "Fill in this section";
    default:
      return "Enter a valid value";
  }
}

function tooBig(issue: Extract<RawIssue, { code: "too_big" }>): string {
  const max = issue.maximum;
  const exact = "exact" in issue && issue.exact;
  switch (issue.origin) {
    case "string":
      return exact ? `Enter exactly ${plural(max, "character")}` : `Enter at most ${plural(max, "character")}`;
    case "array":
    case "set":
      return exact ? `Choose exactly ${plural(max, "item")}` : `Choose at most ${plural(max, "item")}`;
    case "map":
      return `Use at most ${plural(max, "entry", "entries")}`;
    case "file":
      return `Choose a file of at most ${plural(max, "byte")}`;
    case "date":
      return issue.inclusive
        ? `Choose a date on or before ${formatDate(max)}`
        : `Choose a date before ${formatDate(max)}`;
    default:
      if (isMachineLimit(max)) return "That number is too big";
      return issue.inclusive ? `Must be ${formatNumber(max)} or less` : `Must be less than ${formatNumber(max)}`;
  }
}

function tooSmall(issue: Extract<RawIssue, { code: "too_small" }>): string {
  const min = issue.minimum;
  const exact = "exact" in issue && issue.exact;
  switch (issue.origin) {
    case "string":
      if (exact) return `Enter exactly ${plural(min, "character")}`;
      return Number(min) <= 1 ? "This field is required" : `Enter at least ${plural(min, "character")}`;
    case "array":
    case "set":
      if (exact) return `Choose exactly ${plural(min, "item")}`;
      return Number(min) <= 1 ? "Choose at least one" : `Choose at least ${plural(min, "item")}`;
    case "map":
      return `Use at least ${plural(min, "entry", "entries")}`;
    case "file":
      return "Choose a file that isn't empty";
    case "date":
      return issue.inclusive
        ? `Choose a date on or after ${formatDate(min)}`
        : `Choose a date after ${formatDate(min)}`;
    default:
      if (isMachineLimit(min)) return "That number is too small";
      return issue.inclusive ? `Must be ${formatNumber(min)} or more` : `Must be more than ${formatNumber(min)}`;
  }
}

function invalidFormat(issue: Extract<RawIssue, { code: "invalid_format" }>): string {
  if (issue.format === "starts_with" && "prefix" in issue) return `Must start with "${issue.prefix}"`;
  if (issue.format === "ends_with" && "suffix" in issue) return `Must end with "${issue.suffix}"`;
  if (issue.format === "includes" && "includes" in issue) return `Must include "${issue.includes}"`;
  return FORMAT_MESSAGES[issue.format] ?? "Check the format of this value";
}

/** The most useful message inside a union none of whose options matched. */
function invalidUnion(issue: Extract<RawIssue, { code: "invalid_union" }>): string {
  if ("options" in issue && Array.isArray(issue.options) && issue.options.length > 0) return chooseOneOf(issue.options);
  if ("inclusive" in issue && issue.inclusive === false) return "Choose only one of the options";
  const branches = ("errors" in issue ? issue.errors : []) as readonly (readonly { code: string; message: string }[])[];
  // An option that failed on something other than the value's type is the one the person meant.
  for (const branch of branches) {
    const meant = branch.find((i) => i.code !== "invalid_type" && i.code !== "invalid_value");
    if (meant?.message) return meant.message;
  }
  return branches[0]?.[0]?.message ?? "Enter a valid value";
}

/** The message for one issue, for people; used for every issue whose schema gives none. */
export function peopleMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return invalidType(issue);
    case "too_big":
      return tooBig(issue);
    case "too_small":
      return tooSmall(issue);
    case "invalid_format":
      return invalidFormat(issue);
    case "invalid_value":
      return chooseOneOf(issue.values);
    case "not_multiple_of":
      return `Must be a multiple of ${formatNumber(Number(issue.divisor))}`;
    case "unrecognized_keys":
      return `Remove the field${issue.keys.length === 1 ? "" : "s"} this form doesn't have (${issue.keys.join(", ")})`;
    case "invalid_union":
      return invalidUnion(issue);
    case "invalid_key":
      return "One of the names in this list isn't allowed";
    case "invalid_element":
      return "One of the values in this list isn't valid";
    default:
      return "Enter a valid value";
  }
}

/**
 * Whether a message reads as written for people: none of zod's phrasings or operators, capitalised,
 * and ending like a sentence (not on a colon, comma or dangling space).
 */
export function isPeopleMessage(message: string): boolean {
  return (
    !RAW_ZOD_MESSAGE_PATTERNS.some((p) => p.test(message)) &&
    /^[A-Z"“(]/.test(message) &&
    /[^\s:;,-]$/.test(message) &&
    !/<=|>=|\bNaN\b|\bundefined\b/.test(message)
  );
}

/** zod's developer phrasings, which must never reach a person. */
export const RAW_ZOD_MESSAGE_PATTERNS: readonly RegExp[] = [
  /expected .*, received/i,
  /^Invalid input/i,
  /Too (big|small): expected/i,
  /Invalid option: expected one of/i,
  /^Invalid (string|number|discriminator|key|value in|email|URL)\b/i,
];

/** Installs the map for this process (idempotent; keeps other settings such as `jitless`). */
export function installPeopleMessages(): void {
  z.config({ customError: (issue) => peopleMessage(issue) });
}

installPeopleMessages();
