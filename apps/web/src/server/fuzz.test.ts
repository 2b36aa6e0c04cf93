// The input fuzz (security review, issue 11): every procedure of the app router, through the app's
// real tRPC route handler, signed in as every role, gets hostile input: NUL characters, lone UTF-16
// surrogates, 1 MB strings, 10,000-level nesting, and wrong types (numbers for strings, arrays for
// objects, null, huge and non-finite numbers). Nothing may answer with a status of 500 or more.
//
// The payloads are generated, deterministically, from each procedure's own input schema: a valid
// base input (with ids of real rows, so services run) is built from the schema's JSON Schema, then
// each field in turn is replaced by each hostile value. A procedure added tomorrow is fuzzed too.
// The session lookup (next-auth) and the database handle are replaced, as in trpc-route.test.ts;
// the agents runtime is the test world's (offline model, closed with the world), and the rate
// limiter is off.
import { appRouter } from "@toolboxai/api";
import { createWorld, type World } from "@toolboxai/api/testing";
import { generateJoinCode } from "@toolboxai/core";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const session = vi.hoisted(() => ({
  userId: null as string | null,
  db: null as unknown,
  agents: null as unknown,
}));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock("~/server/db", () => ({ getDb: () => session.db }));
vi.mock("~/server/agents", () => ({ getAgentRuntime: () => session.agents }));
// Thousands of calls a minute per user: the platform's limits would answer most of them with 429
// and the fuzz would test the limiter (which has tests of its own), not the inputs.
vi.mock("~/server/rate-limit", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/server/rate-limit")>()),
  getRateLimiter: () => null,
}));

const { GET, POST } = await import("~/app/api/trpc/[trpc]/route");

// --- Hostile values ----------------------------------------------------------------------------

const MB = 1 << 20;
const DEPTH = 10_000;

/** A payload: a value superjson serializes, or raw JSON text put where the field was. */
type Hostile = { name: string; value: unknown } | { name: string; rawJson: string };

const deepArrays = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
const deepObjects = `${'{"a":'.repeat(DEPTH)}null${"}".repeat(DEPTH)}`;
const wideArray = JSON.stringify(Array.from({ length: 10_000 }, () => "x"));

const forString = (v: string): Hostile[] => [
  { name: "NUL", value: `${v}\u0000` },
  { name: "lone surrogate", value: `${v}\uD83C` },
  { name: "1 MB string", value: "x".repeat(MB) },
  { name: "huge number for a string", value: 1e308 },
  { name: "null", value: null },
  { name: "array for a string", value: [v] },
];
const forNumber: Hostile[] = [
  { name: "huge number", value: 1e308 },
  { name: "huge negative number", value: -1e308 },
  { name: "int4 overflow", value: 2 ** 31 },
  { name: "unsafe integer", value: 2 ** 53 + 2 },
  { name: "NaN", value: Number.NaN },
  { name: "Infinity", value: Number.POSITIVE_INFINITY },
  { name: "string for a number", value: "1" },
  { name: "null", value: null },
];
const forBoolean: Hostile[] = [
  { name: "string for a boolean", value: "true" },
  { name: "number for a boolean", value: 1 },
  { name: "null", value: null },
];
const forArray: Hostile[] = [
  { name: "object for an array", value: { 0: "x" } },
  { name: "null", value: null },
  { name: "10,000 nested arrays", rawJson: deepArrays },
  { name: "10,000 items", rawJson: wideArray },
];
const forObject: Hostile[] = [
  { name: "array for an object", value: [] },
  { name: "null", value: null },
  { name: "NUL in a key", value: { "\u0000": "x" } },
  { name: "10,000 nested objects", rawJson: deepObjects },
];
/** Sent as the whole input of every procedure, by every role (and signed out). */
const forRoot: Hostile[] = [
  { name: "no input", value: undefined },
  { name: "NUL string", value: "\u0000" },
  { name: "lone surrogate string", value: "\uD800" },
  { name: "1 MB string", value: "x".repeat(MB) },
  { name: "huge number", value: 1e308 },
  { name: "array", value: [] },
  { name: "array of nulls", value: [null, null] },
  { name: "empty object", value: {} },
  { name: "NUL in a key", value: { "\u0000": "x" } },
  { name: "10,000 nested arrays", rawJson: deepArrays },
  { name: "10,000 nested objects", rawJson: deepObjects },
];

function hostilesFor(value: unknown): Hostile[] {
  if (typeof value === "string") return forString(value);
  if (typeof value === "number") return forNumber;
  if (typeof value === "boolean") return forBoolean;
  if (Array.isArray(value)) return forArray;
  if (value && typeof value === "object") return forObject;
  return [];
}

// --- Valid base inputs, from each procedure's input schema ---------------------------------------

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  /** A named schema (`.meta({ id })`): `#/$defs/<id>` of the root. */
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const NO_VALUE = Symbol("no value");

/** Real rows and values by field name ("procedure:field" first), so a valid base reaches the services. */
type Fixtures = Record<string, unknown>;

/** How to sample: the procedure (for "procedure:field" fixtures), and whether to max everything out. */
interface Sampling {
  path: string;
  fixtures: Fixtures;
  /** Every string at its longest (distinct words, so text search indexes them all), every list full. */
  largest: boolean;
  /** The root's named schemas, which `$ref`s point at. */
  defs: Record<string, JsonSchema>;
}

/** `s` itself, or the named schema its `$ref` points at. */
function resolved(s: JsonSchema, defs: Record<string, JsonSchema>): JsonSchema {
  const name = s.$ref?.replace(/^#\/\$defs\//, "");
  return name ? (defs[name] ?? s) : s;
}

let words = 0;
/** Distinct words up to `length` characters. */
function distinctWords(length: number): string {
  let out = "";
  while (out.length < length) out += `w${(words++).toString(36)} `;
  return out.slice(0, length).trimEnd();
}

function stringFor(s: JsonSchema, largest: boolean): string {
  if (s.format === "email") return "fuzz@example.test";
  if (s.format === "uri" || s.format === "url") return "https://example.org/";
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 40;
  if (largest && !s.pattern && (s.maxLength ?? 0) > 1) return distinctWords(max);
  const fit = (c: string) => (c.length >= min ? c : c.padEnd(min, "a")).slice(0, max);
  const candidates = ["Sample", "sample", "K7QM2P", "MS-LS1-6", "sample_1"];
  const pattern = s.pattern ? new RegExp(s.pattern) : null;
  return candidates.map(fit).find((c) => !pattern || pattern.test(c)) ?? fit("Sample");
}

/** A value the schema accepts (refinements aside), or NO_VALUE for a field to leave out. */
function sample(schema: JsonSchema, key: string, how: Sampling): unknown {
  const { path, fixtures, largest } = how;
  const s = resolved(schema, how.defs);
  const fixture = `${path}:${key}` in fixtures ? fixtures[`${path}:${key}`] : fixtures[key];
  const fits = !Array.isArray(fixture) || fixture.length <= (s.maxItems ?? Number.POSITIVE_INFINITY);
  if (fixture !== undefined && fits) return fixture;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const options = s.anyOf ?? s.oneOf;
  if (options) {
    for (const option of options.filter((o) => o.type !== "null")) {
      const v = sample(option, key, how);
      if (v !== NO_VALUE) return v;
    }
    return options.some((o) => o.type === "null") ? null : NO_VALUE;
  }
  switch (s.type) {
    case "string":
      return stringFor(s, largest);
    case "integer":
    case "number":
      if (largest) return s.maximum ?? 1e9;
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      const n = largest ? Math.min(s.maxItems ?? 20, 100) : Math.min(Math.max(s.minItems ?? 1, 1), s.maxItems ?? 1);
      const items = Array.from({ length: n }, () => sample(s.items ?? {}, `${key}[]`, how));
      return items.includes(NO_VALUE) ? [] : items;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(s.properties ?? {})) {
        const v = sample(child, k, how);
        if (v !== NO_VALUE) out[k] = v;
      }
      if (!s.properties && typeof s.additionalProperties === "object") {
        const v = sample(s.additionalProperties, `${key}{}`, how);
        if (v !== NO_VALUE) out.sample = v;
      }
      return out;
    }
    default:
      return NO_VALUE; // unknown, any, dates: left out unless a fixture says otherwise
  }
}

type ProcedureDef = { _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] } };
// At run time tRPC keeps a flat map of dotted paths to procedures.
const procedureDefs = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
const procedures = Object.keys(procedureDefs).sort();

/** One valid base input per variant of the procedure's input (a union's options each get one). */
function baseInputs(path: string, fixtures: Fixtures, largest = false): unknown[] {
  const schema = procedureDefs[path]?._def.inputs[0];
  if (!schema) return [];
  const root = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const defs = root.$defs ?? {};
  const json = resolved(root, defs);
  const variants = json.oneOf ?? json.anyOf ?? [json];
  return variants.map((v) => sample(v, "", { path, fixtures, largest, defs })).filter((v) => v !== NO_VALUE);
}

/** Every position in a value (the root included), as the path of keys leading to it. */
function positions(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...positions(v, [...at, i]));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...positions(v, [...at, k]));
  }
  return out;
}

function valueAt(value: unknown, at: (string | number)[]): unknown {
  return at.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], value);
}

const RAW = "__fuzz_raw_json__";

/** `base` with the value at `at` replaced: returns the tRPC request body text ({ json, meta }). */
function envelope(base: unknown, at: (string | number)[], hostile: Hostile): string {
  const replacement = "rawJson" in hostile ? RAW : hostile.value;
  const input = at.length === 0 ? replacement : structuredClone(base);
  if (at.length > 0) {
    const parent = valueAt(input, at.slice(0, -1)) as Record<string | number, unknown>;
    parent[at[at.length - 1] as string | number] = replacement;
  }
  if (input === undefined) return "";
  const text = JSON.stringify(superjson.serialize(input));
  return "rawJson" in hostile ? text.replace(JSON.stringify(RAW), hostile.rawJson) : text;
}

// --- Sending ------------------------------------------------------------------------------------

const ORIGIN = "http://localhost:3000";

async function send(path: string, body: string): Promise<{ status: number; text: string }> {
  const type = procedureDefs[path]?._def.type;
  const headers = { "content-type": "application/json", host: "localhost:3000", origin: ORIGIN };
  const res =
    type === "query"
      ? await GET(
          new Request(`${ORIGIN}/api/trpc/${path}${body ? `?input=${encodeURIComponent(body)}` : ""}`, { headers }),
        )
      : await POST(new Request(`${ORIGIN}/api/trpc/${path}`, { method: "POST", headers, ...(body ? { body } : {}) }));
  return { status: res.status, text: await res.text() };
}

interface Failure {
  path: string;
  role: string;
  field: string;
  payload: string;
  status: number;
  response: string;
}

const statuses = new Map<number, number>();
const failures: Failure[] = [];
let requests = 0;

async function fuzzOne(path: string, role: string, field: string, payload: string, body: string): Promise<number> {
  const { status, text } = await send(path, body);
  requests += 1;
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) failures.push({ path, role, field, payload, status, response: text.slice(0, 300) });
  return status;
}

// --- The world ----------------------------------------------------------------------------------

let w: World;
const ROLES = ["ADMIN", "TEACHER", "STUDENT", "PARENT"] as const;
type Role = (typeof ROLES)[number];
let made = 0;

/** Fresh rows for one procedure's fuzz (what one procedure changes never blocks the next). */
async function makeFixtures(): Promise<Fixtures> {
  made += 1;
  const db = w.scoped("a");
  const organizationId = w.orgs.a;
  const teacherId = w.users.a.TEACHER.id;
  const studentId = w.users.a.STUDENT.id;
  const content = {
    organizationId,
    authorId: teacherId,
    subject: "Science",
    gradeLevel: "7",
    status: "PUBLISHED" as const,
  };
  const cls = await db.class.create({
    data: {
      organizationId,
      teacherId,
      name: `Fuzz ${made}`,
      subject: "Science",
      gradeLevel: "7",
      joinCode: generateJoinCode(),
    },
  });
  await db.enrollment.create({ data: { organizationId, classId: cls.id, studentId } });
  const lessonBody = { sections: [{ id: "s1", heading: "Intro", markdown: "Hello", media: [] }] };
  const lesson = await db.contentItem.create({
    data: { ...content, type: "LESSON", title: `Fuzz lesson ${made}`, body: lessonBody },
  });
  const quiz = await db.contentItem.create({
    data: { ...content, type: "QUIZ", title: `Fuzz quiz ${made}`, body: { instructions: "", draw: null } },
  });
  const question = await db.question.create({
    data: { organizationId, ownerId: teacherId, type: "TRUE_FALSE", prompt: "True?", answer: { value: true } },
  });
  await db.quizQuestion.create({ data: { organizationId, quizId: quiz.id, questionId: question.id, position: 0 } });
  const assign = (contentId: string) =>
    db.assignment.create({ data: { organizationId, classId: cls.id, contentId, assignedById: teacherId } });
  const lessonAssignment = await assign(lesson.id);
  const quizAssignment = await assign(quiz.id);
  const attempt = await db.attempt.create({
    data: { organizationId, assignmentId: quizAssignment.id, studentId, number: 1, questionIds: [question.id] },
  });
  const participants = [teacherId, studentId, w.users.a.ADMIN.id].map((userId) => ({ organizationId, userId }));
  const thread = await db.messageThread.create({
    data: {
      organizationId,
      kind: "DIRECT",
      classId: cls.id,
      subject: "Fuzz thread",
      createdById: teacherId,
      participants: { create: participants },
      messages: { create: { organizationId, authorId: teacherId, body: "Hello" } },
    },
  });
  const task = await db.agentTask.create({
    data: {
      organizationId,
      createdById: teacherId,
      request: { topic: "Photosynthesis", subject: "Science", gradeLevel: "7", parts: ["lesson"] },
      status: "FAILED",
      provider: "offline",
      model: "offline-drafts-v1",
    },
  });
  const apiKey = await db.apiKey.create({
    data: {
      organizationId,
      userId: teacherId,
      name: `Fuzz key ${made}`,
      keyHash: `fuzz-${made}-${Date.now()}`,
      prefix: "tbx_live_Fuzz",
    },
  });
  const target = await db.user.create({
    data: {
      organizationId,
      email: `fuzz-target-${made}@a.test`,
      name: "Fuzz Target",
      role: "STUDENT",
      passwordHash: "x",
    },
  });
  return {
    classId: cls.id,
    contentId: lesson.id,
    quizId: quiz.id,
    questionId: question.id,
    questionIds: [question.id],
    assignmentId: quizAssignment.id,
    "assignments.openLesson:assignmentId": lessonAssignment.id,
    "assignments.completeSection:assignmentId": lessonAssignment.id,
    attemptId: attempt.id,
    threadId: thread.id,
    taskId: task.id,
    userId: target.id,
    studentId,
    recipientId: studentId,
    sectionId: "s1",
    code: cls.joinCode,
    email: `fuzz-new-${made}@a.test`,
    "content.update:body": lessonBody,
    url: "https://example.org/",
    cursor: null,
    dueAt: null,
    options: [
      { id: "a", text: "Yes" },
      { id: "b", text: "No" },
    ],
    correct: ["a"],
    accepted: ["answer"],
    // Criterion ids must be unique: a generated list repeats one sample.
    rubric: [{ id: "c1", label: "Names the parts", points: 1 }],
    responses: { [question.id]: { value: true } },
    currentPassword: "not-the-password-1",
    newPassword: "fuzzed-pass-1",
    confirmPassword: "fuzzed-pass-1",
    password: "",
    "passwordReset.complete:password": "fuzzed-pass-1",
    "auth.token:password": "fuzzed-pass-1",
    refreshToken: "tbx_rt_3q2-7wEXAMPLEoK9bN1ZzW0aVt5yQmR8sLhJ4dFcGuI",
    organization: "fuzz-school",
    clientName: "Fuzz app",
    expectedVersion: 1,
    birthDate: "2015-05-05",
    timeZone: "Europe/Paris",
    allowedEmailDomains: ["school.example"],
    version: 1,
    keyId: apiKey.id,
    // A generated list repeats one sample, and a scope may be chosen once.
    scopes: ["content:read"],
    ipAllowlist: ["198.51.100.0/24"],
  };
}

/** What the valid base input of each procedure got, by role: mostly success or a domain refusal. */
const baseStatuses = new Map<string, number[]>();
/** What the largest valid input of each procedure (each variant of a union) got. */
const largestStatuses = new Map<string, number>();

beforeAll(async () => {
  w = await createWorld();
  session.db = w.t.db;
  session.agents = w.agents();
});
afterAll(async () => {
  const seen = JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
  const bases = JSON.stringify(Object.fromEntries(baseStatuses));
  const largest = JSON.stringify(Object.fromEntries(largestStatuses));
  console.info(
    `fuzz: ${requests} requests to ${procedures.length} procedures; statuses ${seen}; valid bases ${bases}; largest ${largest}`,
  );
  await w.t.close();
});

describe("input fuzz over HTTP", () => {
  it("builds valid base and largest inputs for every procedure that takes input", async () => {
    const fixtures = await makeFixtures();
    const invalid = procedures.flatMap((path) => {
      const schema = procedureDefs[path]?._def.inputs[0];
      if (!schema) return [];
      const bases = [...baseInputs(path, fixtures), ...baseInputs(path, fixtures, true)];
      if (bases.length === 0) return [`${path}: no base input`];
      return bases.flatMap((b, i) => {
        const r = schema.safeParse(b);
        return r.success ? [] : [`${path}#${i}: ${r.error.issues.map((x) => `${x.path.join(".")} ${x.message}`)}`];
      });
    });
    expect(invalid).toEqual([]);
  });

  it("answers every hostile input with a status below 500, for every procedure and role", {
    timeout: 300_000,
  }, async () => {
    for (const path of procedures) {
      // Every role (and no one) sends the hostile whole inputs; a role the procedure refuses
      // gets 403 whatever the input, so the first of them tells which roles may call it.
      const allowed: Role[] = [];
      for (const role of [...ROLES, null]) {
        session.userId = role ? w.users.a[role].id : null;
        for (const hostile of forRoot) {
          const status = await fuzzOne(
            path,
            role ?? "anonymous",
            "(input)",
            hostile.name,
            envelope(undefined, [], hostile),
          );
          if (role && hostile === forRoot[0] && status !== 403) allowed.push(role);
        }
      }
      if (allowed.length === 0) continue;
      // Then each field of a valid input in turn gets each hostile value, the allowed roles taking
      // turns; last, each allowed role sends the valid input itself, then the largest valid input.
      const fixtures = await makeFixtures();
      let turn = 0;
      for (const base of baseInputs(path, fixtures)) {
        for (const at of positions(base).filter((p) => p.length > 0)) {
          for (const hostile of hostilesFor(valueAt(base, at))) {
            const role = allowed[turn++ % allowed.length] as Role;
            session.userId = w.users.a[role].id;
            await fuzzOne(path, role, at.join("."), hostile.name, envelope(base, at, hostile));
          }
        }
      }
      for (const role of allowed) {
        session.userId = w.users.a[role].id;
        const [base] = baseInputs(path, fixtures);
        const status = await fuzzOne(
          path,
          role,
          "(input)",
          "valid base",
          envelope(base, [], { name: "base", value: base }),
        );
        baseStatuses.set(path, [...(baseStatuses.get(path) ?? []), status]);
      }
      // And the largest input the schema accepts: every string at its longest, every list full.
      for (const [i, largest] of baseInputs(path, fixtures, true).entries()) {
        const role = allowed[i % allowed.length] as Role;
        session.userId = w.users.a[role].id;
        const body = envelope(largest, [], { name: "largest", value: largest });
        largestStatuses.set(`${path}#${i}`, await fuzzOne(path, role, "(input)", "largest valid input", body));
      }
    }
    session.userId = null;
    expect(failures).toEqual([]);
  });

  it("reached the services: most valid base inputs got past the schemas", () => {
    const refused = [...baseStatuses].filter(([, s]) => s.every((status) => status === 400)).map(([p]) => p);
    expect(refused.length).toBeLessThan(baseStatuses.size / 10);
  });
});
