import { z } from "zod";
import { textSchema } from "./text";

/** The four roles of the product. Mirrors the Prisma `Role` enum (a type test in apps/web keeps them equal). */
export const roles = ["ADMIN", "TEACHER", "STUDENT", "PARENT"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const idSchema = textSchema.min(1, "Required").max(64);

export const emailSchema = textSchema
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address").max(254, "Email is too long"));

export const personNameSchema = textSchema.trim().min(1, "Enter a name").max(100, "Name is at most 100 characters");

/** Password rules for any password a person chooses. */
export const newPasswordSchema = textSchema
  .min(10, "Use at least 10 characters")
  .max(128, "Use at most 128 characters")
  .refine((p) => /[A-Za-z]/.test(p) && /[^A-Za-z]/.test(p), "Mix letters with digits or symbols");

export const pageInputSchema = z.object({
  page: queryNumber(z.number().int().min(1).max(100_000)).default(1),
  pageSize: queryNumber(z.number().int().min(1).max(100)).default(20),
});

export const tagSchema = textSchema.trim().toLowerCase().min(1).max(40);

// --- REST (OpenAPI) helpers --------------------------------------------------------------------
// The same schemas serve /api/trpc (superjson: real Dates, numbers, booleans) and the REST API
// (/api/v1: JSON bodies and query strings), so these accept both.

/** A date in an output: a Date for tRPC, an ISO 8601 string in REST (documented as date-time). */
export function isoDate() {
  return z.date().meta({ override: { type: "string", format: "date-time" } });
}

/**
 * A date-time an input takes: a Date from tRPC (superjson), an ISO 8601 string from REST JSON.
 * Documented as a date-time string. Typed as the date schema, so `.nullish()` and callers see a Date.
 */
export function inputDate(): z.ZodDate {
  return z
    .preprocess((v) => (typeof v === "string" && v.trim() !== "" ? new Date(v) : v), z.date())
    .meta({ override: { type: "string", format: "date-time" } }) as unknown as z.ZodDate;
}

/**
 * A boolean query parameter: "true" and "false" from a query string, a boolean from tRPC.
 * (trpc-to-openapi's own coercion reads "false" as true, and mutates the schema it coerces.)
 * Typed as the boolean schema so callers and `.default()` see a boolean.
 */
export function queryBoolean(): z.ZodBoolean {
  return z
    .preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean())
    .meta({ override: { type: "boolean" } }) as unknown as z.ZodBoolean;
}

/**
 * A number query parameter: a numeric string from a query string, a number from tRPC; `schema`
 * holds the rules (`queryNumber(z.number().int().min(1))`). Typed as `schema`.
 */
export function queryNumber<T extends z.ZodNumber>(schema: T): T {
  const integer = schema.format === "safeint" || schema.isInt;
  return z
    .preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v), schema)
    .meta({ override: { type: integer ? "integer" : "number" } }) as unknown as T;
}

/** The union's own examples (`.meta({ examples })`), which its REST input shows too. */
function unionExamples(union: z.ZodType): { examples?: unknown[] } {
  const examples = union.meta()?.examples;
  return Array.isArray(examples) ? { examples } : {};
}

/**
 * A discriminated union as a REST body. trpc-to-openapi takes only object inputs, so the union
 * is documented as `shape` (the fields every variant shares, plus the varying ones) while the
 * union itself parses the input first and reports its issues as it always does; its result then
 * passes `shape` (loose, so nothing is dropped). Typed as the union: tRPC callers see no difference.
 */
export function unionInput<U extends z.ZodType>(union: U, shape: z.ZodRawShape): U {
  // Its JSON Schema (z.toJSONSchema, read by the input fuzz) is the shape and one of the variants.
  const { oneOf, anyOf } = z.toJSONSchema(union, { io: "input", unrepresentable: "any" });
  return z
    .preprocess((value, ctx) => {
      const parsed = union.safeParse(value);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: value } as never);
      return value;
    }, z.looseObject(shape))
    .meta({ ...(oneOf ? { oneOf } : { anyOf }), ...unionExamples(union) }) as unknown as U;
}
