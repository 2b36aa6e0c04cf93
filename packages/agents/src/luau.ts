import luaparse from "luaparse";

export type LuauCheck = { ok: true } | { ok: false; error: string; line: number | null };

/**
 * Parses a script as Lua 5.1, the subset of Luau our generated scripts are written in (no type
 * annotations, compound assignment, `continue` or string interpolation), so a JavaScript parser
 * can prove every script at least parses before a teacher opens it in Roblox Studio.
 */
export function checkLuau(source: string): LuauCheck {
  try {
    luaparse.parse(source, { luaVersion: "5.1", comments: false, locations: false, ranges: false });
    return { ok: true };
  } catch (error) {
    const line = typeof (error as { line?: unknown }).line === "number" ? (error as { line: number }).line : null;
    return { ok: false, error: error instanceof Error ? error.message : String(error), line };
  }
}
