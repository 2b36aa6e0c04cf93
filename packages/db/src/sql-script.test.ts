// Migration scripts reach the pg driver adapter one statement at a time: ";" ends a statement
// only outside quotes, dollar quotes and comments.
import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "./sql-script";

describe("splitSqlStatements", () => {
  it("keeps a plpgsql body in dollar quotes whole", () => {
    const fn = "CREATE FUNCTION f() RETURNS VOID LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; PERFORM 2; END $$";
    expect(splitSqlStatements(`${fn};\nCREATE INDEX i ON t (a);`)).toEqual([fn, "CREATE INDEX i ON t (a)"]);
  });

  it("keeps semicolons inside strings, quoted names, tagged dollar quotes and comments", () => {
    const statements = [
      `INSERT INTO t VALUES ('a;b', 'it''s; fine')`,
      `SELECT 1 AS "odd;name"`,
      "SELECT $body$ x; y $body$",
      "-- a comment; still a comment\nSELECT 2",
      "SELECT /* a; b */ 3",
    ];
    expect(splitSqlStatements(statements.join(";\n"))).toEqual(statements);
  });

  it("drops empty statements and ones made only of comments", () => {
    expect(splitSqlStatements("SELECT 1;;\n-- trailing note\n")).toEqual(["SELECT 1"]);
  });
});
