import { EnvError } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { readDbEnv } from "./env";

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readDbEnv(env);
  } catch (err) {
    if (err instanceof EnvError) return err.problems;
    throw err;
  }
  throw new Error("expected readDbEnv to throw an EnvError");
}

describe("the database configuration", () => {
  it("uses the embedded database under .data/pglite when DATABASE_URL is unset or blank", () => {
    const env = readDbEnv({ DATABASE_URL: " " });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.pgliteDir).toMatch(/\.data[/\\]pglite$/);
  });

  it("refuses a DATABASE_URL that is not a PostgreSQL connection string", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://root@localhost/app" })).toEqual([
      'DATABASE_URL="mysql://root@localhost/app": expected a postgresql:// connection string',
    ]);
  });

  it("lists every invalid variable at once", () => {
    expect(problemsOf({ DATABASE_URL: "nope", PORT: "http" })).toHaveLength(2);
  });
});
