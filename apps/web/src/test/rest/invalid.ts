// An invalid version of a valid input, for the 400 cases: one member of the operation's input
// given a value its schema refuses (a number for a string, a word for a number or enum, a path
// id over the 64-character limit), and the member's name the 400 must point at.
import type { Input } from "./cases";
import { type DocOperation, type JsonSchema, resolve } from "./document";

export interface Invalid {
  input: Record<string, unknown>;
  field: string;
}

function wrongValueFor(value: unknown, schema: JsonSchema | undefined): unknown {
  const s = resolve(schema);
  if (typeof value === "boolean" || s.type === "boolean") return "maybe";
  if (typeof value === "string" || s.type === "string" || s.enum) return 12345;
  if (typeof value === "number" || s.type === "integer" || s.type === "number") return "many";
  if (Array.isArray(value) || s.type === "array") return "not-a-list";
  if (value && typeof value === "object") return "not-an-object";
  return undefined;
}

/** Whether the operation takes any input a 400 case can make invalid. */
export function takesInput(op: DocOperation): boolean {
  const body = resolve(op.bodySchema ?? undefined);
  return Object.keys(body.properties ?? {}).length > 0 || op.queryParams.length > 0 || op.pathParams.length > 0;
}

export function invalidInput(op: DocOperation, input: Input): Invalid | null {
  const base = { ...input };
  if (op.bodySchema) {
    const body = resolve(op.bodySchema);
    const props = body.properties ?? {};
    const candidates = [...(body.required ?? []), ...Object.keys(base)].filter(
      (k) => k in props && !op.pathParams.includes(k),
    );
    for (const field of candidates) {
      const wrong = wrongValueFor(base[field], props[field]);
      if (wrong !== undefined) return { input: { ...base, [field]: wrong }, field };
    }
  }
  for (const q of op.queryParams) {
    const s = resolve(q.schema);
    if (s.enum) return { input: { ...base, [q.name]: "NOT_A_VALUE" }, field: q.name };
    if (s.type === "integer" || s.type === "number") return { input: { ...base, [q.name]: "many" }, field: q.name };
    if (s.type === "boolean") return { input: { ...base, [q.name]: "maybe" }, field: q.name };
  }
  const id = op.pathParams[0];
  if (id) return { input: { ...base, [id]: "x".repeat(65) }, field: id };
  return null;
}
