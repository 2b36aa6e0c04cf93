// Generated requests for the REST fuzz: from one valid input of an operation and the document's
// schemas, a deterministic (seeded) series of requests, the first valid and the rest mutated:
// values sampled from the schemas, wrong types, huge strings, hostile unicode, nulls, missing
// and extra members, hostile path parameters (`../`, `%00`, very long ids), junk query strings,
// bodies that are not JSON objects and wrong content types.
import type { Input } from "./cases";
import type { RawRequest } from "./client";
import { type DocOperation, type JsonSchema, resolve } from "./document";

/** mulberry32: a small seeded PRNG, so a failing case is the same case on the next run. */
export function prng(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF\uD800",
  "\u202Eevil",
  "Ω≈ç√∫˜µ≤≥÷",
  "𝕌𝕟𝕚𝕔𝕠𝕕𝕖",
  "😀".repeat(500),
  "x".repeat(70_000),
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "{{7*7}}#{7*7}",
  "../../etc/passwd",
  "%00",
  "null",
  "true",
  "-1",
  "1e309",
  "2026-13-45T99:99:99Z",
];
const HOSTILE_NUMBERS = [0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE];
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [null],
  { $gt: "" },
  { __proto__: { admin: true } },
  ...HOSTILE_NUMBERS,
  ...HOSTILE_STRINGS.slice(0, 12),
];
/**
 * Path parameter values, sent as they are (not encoded). A bare `..` is not among them: the
 * client resolves it before sending (another URL, another operation).
 */
const HOSTILE_PATH_VALUES = [
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f",
  "%00",
  "a%00b",
  "%",
  "%ZZ",
  "%C0%AF",
  "%F0%9F%98%80",
  "x".repeat(5000),
  "{contentId}",
  "null",
  "-1",
  "%20",
  "a;b=c",
  "%E2%80%AE",
];
/** Members named after Object.prototype's. */
const PROTOTYPE_NAMES = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__", "prototype"];
const RAW_BODIES = [
  "",
  "null",
  "[]",
  "[1,2,3]",
  '"a string"',
  "42",
  "1e309",
  "{",
  '{"a":1,}',
  `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`,
  `[${"[".repeat(5000)}${"]".repeat(5000)}]`,
  '{"__proto__":{"isAdmin":true}}',
  "\u0000",
  "\uFEFF{}",
];
const CONTENT_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/xml",
];

/** A value the schema allows, roughly: enough to reach deeper validation. */
function sample(schema: JsonSchema | undefined, rand: Rand, depth = 0): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return pick(rand, s.enum);
  const options = s.anyOf ?? s.oneOf;
  if (options) return sample(pick(rand, options), rand, depth + 1);
  const type = Array.isArray(s.type) ? pick(rand, s.type) : s.type;
  switch (type) {
    case "string":
      return s.format === "date-time"
        ? new Date(Date.now() + rand() * 1e10).toISOString()
        : pick(rand, HOSTILE_STRINGS);
    case "integer":
      return Math.floor((rand() - 0.3) * 1000);
    case "number":
      return pick(rand, HOSTILE_NUMBERS);
    case "boolean":
      return rand() < 0.5;
    case "null":
      return null;
    case "array":
      return depth > 3 ? [] : Array.from({ length: Math.floor(rand() * 3) }, () => sample(s.items, rand, depth + 1));
    case "object": {
      if (depth > 3) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (rand() < 0.8) out[k] = sample(v, rand, depth + 1);
      return out;
    }
    default:
      return pick(rand, HOSTILE_VALUES);
  }
}

export interface FuzzRequest extends RawRequest {
  /** What was done to the valid input, for the report. */
  mutation: string;
}

function query(values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      q.append(k, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item));
    }
  }
  const text = q.toString();
  return text ? `?${text}` : "";
}

/** `count` requests for `op`: the first from the valid input, the rest mutations of it. */
export function fuzzRequests(
  op: DocOperation,
  valid: Input,
  headers: Record<string, string>,
  count: number,
): FuzzRequest[] {
  const rand = prng(op.name);
  const base: Record<string, unknown> = { ...valid };
  const pathValues: Record<string, string> = {};
  for (const p of op.pathParams) {
    pathValues[p] = encodeURIComponent(String(base[p]));
    delete base[p];
  }
  const takesBody = op.bodySchema !== null;
  const body = resolve(op.bodySchema ?? undefined);
  const members = takesBody
    ? [...new Set([...Object.keys(body.properties ?? {}), ...Object.keys(base)])]
    : op.queryParams.map((q) => q.name);
  const schemaOf = (m: string) => (takesBody ? body.properties?.[m] : op.queryParams.find((q) => q.name === m)?.schema);

  const build = (
    mutation: string,
    values: Record<string, unknown>,
    over: Partial<RawRequest> = {},
    path = pathValues,
  ) => {
    let url = op.path;
    for (const [k, v] of Object.entries(path)) url = url.replace(`{${k}}`, v);
    const req: FuzzRequest = {
      mutation,
      method: op.method,
      path: takesBody ? url : `${url}${query(values)}`,
      headers: { ...headers, ...(takesBody ? { "content-type": "application/json" } : {}) },
      ...(takesBody ? { body: JSON.stringify(values) } : {}),
      ...over,
    };
    if (over.headers) req.headers = { ...headers, ...over.headers };
    return req;
  };

  type Mutator = () => FuzzRequest | null;
  const member = () => (members.length > 0 ? pick(rand, members) : null);
  const mutators: Mutator[] = [
    () =>
      build("sampled from the schema", {
        ...Object.fromEntries(members.map((m) => [m, sample(schemaOf(m), rand)])),
      }),
    () => {
      const m = member();
      return m ? build(`${m}: hostile value`, { ...base, [m]: pick(rand, HOSTILE_VALUES) }) : null;
    },
    () => {
      const m = member();
      return m ? build(`${m}: hostile string`, { ...base, [m]: pick(rand, HOSTILE_STRINGS) }) : null;
    },
    () => {
      const m = member();
      if (!m) return null;
      const rest = { ...base };
      delete rest[m];
      return build(`${m}: missing`, rest);
    },
    () => build("extra members", { ...base, zzz: pick(rand, HOSTILE_VALUES), id: "x", ["x".repeat(300)]: 1 }),
    () => build("prototype-named members", { ...base, [pick(rand, PROTOTYPE_NAMES)]: pick(rand, HOSTILE_VALUES) }),
    () => {
      const p = op.pathParams.length > 0 ? pick(rand, op.pathParams) : null;
      if (!p) return null;
      const v = pick(rand, HOSTILE_PATH_VALUES);
      return build(`path ${p}: ${v.slice(0, 20)}`, base, {}, { ...pathValues, [p]: v });
    },
    () => {
      const req = build("junk query string", base);
      const junk = `limit=-1&limit=1e309&page=%00&cursor=${"z".repeat(3000)}&x[y]=1&__proto__[a]=1`;
      return { ...req, path: `${req.path}${req.path.includes("?") ? "&" : "?"}${junk}` };
    },
    () => (takesBody ? build("raw body", base, { body: pick(rand, RAW_BODIES) }) : null),
    () => (takesBody ? build("content type", base, { headers: { "content-type": pick(rand, CONTENT_TYPES) } }) : null),
    () => (takesBody ? build("no body", base, { body: undefined, headers: {} }) : null),
  ];

  const out: FuzzRequest[] = [build("valid", base)];
  let guard = 0;
  while (out.length < count && guard++ < count * 20) {
    const req = pick(rand, mutators)();
    if (req) out.push(req);
  }
  return out;
}
