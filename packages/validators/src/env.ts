// One way for every app and package to read its configuration: a zod schema over the environment,
// parsed once at start. Blank values count as unset (`PORT=` in a .env file means "use the
// default"); anything else must be valid, and one EnvError lists every problem at once, each
// naming its variable and the value given, so a misconfigured deployment is fixed in one go.
import { z } from "zod";

export class EnvError extends Error {
  constructor(
    readonly problems: string[],
    what = "configuration",
  ) {
    super(`Invalid ${what}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Vars = Record<string, string | undefined>;

/** The variables with blanks removed and the rest trimmed. */
function present(env: Vars): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const v = value?.trim();
    if (v) out[name] = v;
  }
  return out;
}

/**
 * Parses `env` with `schema` (an object of variable names). Throws `EnvError` (or the error
 * `fail` builds from the problems) listing `NAME="value": message` for every invalid variable.
 */
export function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Vars,
  options: { what?: string; fail?: (problems: string[]) => Error } = {},
): z.output<S> {
  const vars = present(env);
  const result = schema.safeParse(vars);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "?");
    return name in vars ? `${name}=${JSON.stringify(vars[name])}: ${issue.message}` : `${name}: ${issue.message}`;
  });
  throw options.fail ? options.fail(problems) : new EnvError(problems, options.what);
}

/** Builders for the usual kinds of variable, with messages that say what was expected. */
export const envVar = {
  /** An integer from `min` to `max`; digits only (`60.5`, `6001abc`, `-1` are refused). */
  int(min: number, max: number, message = `expected a whole number from ${min} to ${max}`) {
    return z
      .string()
      .regex(/^\d+$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message));
  },
  /** A finite number greater than 0. */
  positive(message = "expected a number greater than 0") {
    return z
      .string()
      .transform(Number)
      .pipe(z.number({ error: message }).refine((n) => Number.isFinite(n) && n > 0, message));
  },
  /** `true` or `false`, nothing else. */
  flag(message = "expected true or false") {
    return z.enum(["true", "false"], { error: message }).transform((v) => v === "true");
  },
  /** One of `values`. */
  oneOf<const T extends readonly [string, ...string[]]>(values: T, message = `expected one of ${values.join(", ")}`) {
    return z.enum(values, { error: message });
  },
};
