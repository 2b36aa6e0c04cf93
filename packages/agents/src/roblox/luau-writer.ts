// Small, safe building blocks for writing Lua 5.1 (and so Luau) source from data.
// Every string goes through `luaString`, which emits pure ASCII, so no text a teacher or a model
// wrote (quotes, newlines, `]]`, emoji, backslashes) can break out of a literal.

/** A JSON-like value `luaValue` can write. */
export type LuaData =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly LuaData[]
  | { readonly [key: string]: LuaData };

const encoder = new TextEncoder();

const LUA_KEYWORDS = new Set([
  "and",
  "break",
  "do",
  "else",
  "elseif",
  "end",
  "false",
  "for",
  "function",
  "if",
  "in",
  "local",
  "nil",
  "not",
  "or",
  "repeat",
  "return",
  "then",
  "true",
  "until",
  "while",
  // Luau's extra reserved word (kept out of identifiers so the output is valid in both).
  "continue",
]);

/** Whether `name` can be written bare as a Lua identifier (`t.name`, `{ name = 1 }`). */
export function isLuaIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !LUA_KEYWORDS.has(name);
}

/**
 * A double-quoted Lua 5.1 string literal for any text. The text is encoded as UTF-8 and every byte
 * outside printable ASCII becomes a three-digit decimal escape (`\226\156\133`), so the literal is
 * pure ASCII and decodes back to exactly the UTF-8 bytes of `text` (lone surrogates become U+FFFD).
 */
export function luaString(text: string): string {
  let out = '"';
  for (const byte of encoder.encode(text)) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte === 0x22) out += '\\"';
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte === 0x09) out += "\\t";
    // Always three digits, so a following digit can never be read as part of the escape.
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString().padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

/**
 * A Lua numeric literal. Negative zero is written as `0`; NaN and the infinities have no literal in
 * Lua 5.1 and are rejected with a RangeError rather than written as something that means otherwise.
 */
export function luaNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot write ${value} as a Lua number`);
  if (Object.is(value, -0)) return "0";
  // JavaScript's shortest round-trip form (`1e+21`, `1.5e-7`, `0.1`) is valid Lua 5.1 syntax.
  return String(value);
}

/** A table key: bare when it is an identifier, otherwise `["key"]`. */
export function luaKey(key: string): string {
  return isLuaIdentifier(key) ? key : `[${luaString(key)}]`;
}

/**
 * Writes a JSON-like value as a Lua expression: strings, finite numbers, booleans, `nil` for
 * null/undefined, arrays as list constructors and objects as `{ key = value, ["a key"] = value }`.
 * Object keys keep their insertion order; keys whose value is undefined are left out. Tables are
 * written one entry a line, indented with tabs from `indent` (the depth of the surrounding code).
 */
export function luaValue(value: LuaData, indent = 0): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return luaString(value);
  if (typeof value === "number") return luaNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const inner = "\t".repeat(indent + 1);
  const outer = "\t".repeat(indent);
  if (isArray(value)) {
    if (value.length === 0) return "{}";
    const items = value.map((item) => `${inner}${luaValue(item, indent + 1)},`);
    return `{\n${items.join("\n")}\n${outer}}`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return "{}";
  const items = entries.map(([key, item]) => `${inner}${luaKey(key)} = ${luaValue(item, indent + 1)},`);
  return `{\n${items.join("\n")}\n${outer}}`;
}

function isArray(value: LuaData): value is readonly LuaData[] {
  return Array.isArray(value);
}

/** A Lua comment line made safe from any text: one line, printable ASCII only. */
export function luaComment(text: string): string {
  const flat = text
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[^\x20-\x7e]/g, "?")
    .trim();
  return `-- ${flat}`;
}
