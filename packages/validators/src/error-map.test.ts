// Every message a person can see from a schema is written for people. The walk feeds every zod
// schema the package exports a set of bad inputs (wrong types, NaN, too big and too small, too long
// text, empty values, options that do not exist, missing fields), built from the schema's own shape,
// and checks each message it answers.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as validators from "./index";
import { isPeopleMessage, RAW_ZOD_MESSAGE_PATTERNS } from "./index";

type Kind = "wrongType" | "nan" | "huge" | "tiny" | "fraction" | "long" | "empty" | "badOption" | "missing" | "null";
const KINDS: Kind[] = ["wrongType", "nan", "huge", "tiny", "fraction", "long", "empty", "badOption", "missing", "null"];

interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value of the schema's shape where the leaves `kind` applies to are bad, and the rest plausible. */
function sample(schema: unknown, kind: Kind, depth = 0): unknown {
  if (depth > 12) return undefined;
  const def = defOf(schema);
  const next = (inner: unknown) => sample(inner, kind, depth + 1);
  switch (def.type) {
    case "string":
      return (
        (
          {
            wrongType: 42,
            long: "x".repeat(100_001),
            empty: "",
            missing: undefined,
            null: null,
            badOption: "not a valid value !",
          } as Partial<Record<Kind, unknown>>
        )[kind] ?? "plausible text"
      );
    case "number":
      return (
        (
          {
            wrongType: "abc",
            nan: Number.NaN,
            huge: 1e15,
            tiny: -1e15,
            fraction: 1.5,
            missing: undefined,
            null: null,
          } as Partial<Record<Kind, unknown>>
        )[kind] ?? 1
      );
    case "bigint":
      return kind === "wrongType" ? "abc" : 1n;
    case "boolean":
      return kind === "wrongType" ? "yes" : kind === "null" ? null : true;
    case "date":
      return kind === "wrongType" ? "2020" : kind === "nan" ? new Date(Number.NaN) : new Date("2026-01-01T00:00:00Z");
    case "enum": {
      const values = Object.values(def.entries as Record<string, unknown>);
      return kind === "badOption" ? "NOT_AN_OPTION" : kind === "wrongType" ? 42 : values[0];
    }
    case "literal": {
      const values = def.values as unknown[];
      return kind === "badOption" ? "not-the-literal" : values[0];
    }
    case "object": {
      if (kind === "wrongType") return "not an object";
      if (kind === "missing") return {};
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, next(field)]));
    }
    case "array":
      if (kind === "wrongType") return "not a list";
      if (kind === "empty") return [];
      if (kind === "huge") return Array.from({ length: 1001 }, () => sample(def.element, "missing", depth + 1));
      return [next(def.element)];
    case "set":
      return kind === "wrongType" ? "not a set" : new Set([next(def.valueType)]);
    case "tuple":
      return kind === "wrongType" ? "not a list" : (def.items as unknown[]).map(next);
    case "record":
      return kind === "wrongType" ? "not a record" : { key: next(def.valueType) };
    case "union":
      return next((def.options as unknown[])[0]);
    case "intersection":
      return next(def.left);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return next(def.innerType);
    case "pipe":
      return next(def.in);
    case "lazy":
      return next((def.getter as () => unknown)());
    default:
      return kind === "wrongType" ? Symbol.for("wrong") : undefined;
  }
}

function messagesOf(error: z.ZodError): string[] {
  const out: string[] = [];
  const walk = (issues: readonly z.core.$ZodIssue[]) => {
    for (const issue of issues) {
      out.push(issue.message);
      if (issue.code === "invalid_union") for (const branch of issue.errors) walk(branch);
    }
  };
  walk(error.issues);
  return out;
}

const schemas = (Object.entries(validators) as [string, unknown][]).filter(
  (entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType,
);

describe("messages people see", () => {
  it("finds the package's schemas to walk", () => {
    expect(schemas.length).toBeGreaterThan(50);
  });

  it.each(schemas)("%s answers bad input with messages written for people", (_name, schema) => {
    const bad = new Map<string, string>();
    for (const kind of KINDS) {
      const inputs = [sample(schema, kind), ...(kind === "wrongType" ? [undefined, null, Number.NaN, "x", 7] : [])];
      for (const input of inputs) {
        let result: ReturnType<typeof schema.safeParse>;
        try {
          result = schema.safeParse(input);
        } catch {
          continue; // a transform that assumes an earlier check passed: not a message anyone sees
        }
        if (result.success) continue;
        for (const message of messagesOf(result.error)) if (!isPeopleMessage(message)) bad.set(message, kind);
      }
    }
    expect(Object.fromEntries(bad)).toEqual({});
  });
});

describe("the error map", () => {
  const messageOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

  it("asks for a number when a number field is given none", () => {
    expect(messageOf(z.number(), Number.NaN)).toBe("Enter a number");
  });

  it("says the largest allowed number", () => {
    expect(messageOf(z.number().max(100), 101)).toBe("Must be 100 or less");
  });

  it("says the smallest allowed number", () => {
    expect(messageOf(z.number().int().min(1), 0)).toBe("Must be 1 or more");
  });

  it("asks for a whole number", () => {
    expect(messageOf(z.number().int(), 2.5)).toBe("Enter a whole number");
  });

  it("counts the characters allowed", () => {
    expect(messageOf(z.string().max(200), "x".repeat(201))).toBe("Enter at most 200 characters");
  });

  it("asks for a value in a required text field", () => {
    expect(messageOf(z.string().min(1), "")).toBe("This field is required");
  });

  it("lists the options in words", () => {
    expect(messageOf(validators.roleSchema, "OWNER")).toBe("Choose one of: admin, teacher, student, parent");
  });

  it("asks for a valid email address", () => {
    expect(messageOf(z.email(), "nope")).toBe("Enter a valid email address");
  });

  it("keeps a schema's own message", () => {
    expect(messageOf(validators.personNameSchema, "")).toBe("Enter a name");
  });

  it("never answers with zod's own phrasing for the issues it covers", () => {
    const samples: [z.ZodType, unknown][] = [
      [z.number(), "12"],
      [z.string(), 12],
      [z.boolean(), "yes"],
      [z.array(z.string()).max(2), ["a", "b", "c"]],
      [z.enum(["A", "B"]), "C"],
      [z.object({ a: z.string() }).strict(), { a: "x", b: 1 }],
      [z.url(), "ftp:"],
      [z.number().multipleOf(5), 7],
    ];
    for (const [schema, input] of samples) {
      const message = messageOf(schema, input) ?? "";
      expect(
        RAW_ZOD_MESSAGE_PATTERNS.some((p) => p.test(message)),
        message,
      ).toBe(false);
      expect(isPeopleMessage(message), message).toBe(true);
    }
  });
});
