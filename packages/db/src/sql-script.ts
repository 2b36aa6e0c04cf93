// Splitting a migration script into statements for the pg driver adapter, whose `executeScript`
// splits on every ";" (so a plpgsql body, `$$ ... ; ... $$`, arrived cut in pieces). This splitter
// knows quotes, dollar quotes and comments; PGlite runs a whole script itself and needs none of it.
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/** The statements of a script, without the empty ones; ";" inside quotes and comments stays. */
export function splitSqlStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === "-" && next === "-") {
      const end = script.indexOf("\n", i);
      i = end === -1 ? script.length : end + 1;
    } else if (ch === "/" && next === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end === -1 ? script.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < script.length && !(script[j] === ch && script[j + 1] !== ch)) j += script[j] === ch ? 2 : 1;
      i = j + 1;
    } else if (ch === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end === -1 ? script.length : end + tag.length;
      } else i++;
    } else if (ch === ";") {
      out.push(script.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0 && !/^(--[^\n]*\n?\s*)+$/.test(`${s}\n`));
}

/** The adapter, with `executeScript` running one statement at a time as this splitter cuts them. */
export function withStatementSplitting<A extends SqlDriverAdapter>(adapter: A): A {
  if (adapter.adapterName !== "@prisma/adapter-pg") return adapter;
  adapter.executeScript = async (script: string) => {
    for (const sql of splitSqlStatements(script)) await adapter.executeRaw({ sql, args: [], argTypes: [] });
  };
  return adapter;
}
