import { describe, expect, it } from "vitest";
import { checkLuau } from "../luau";
import { isLuaIdentifier, luaComment, luaKey, luaNumber, luaString, luaValue } from "./luau-writer";
import { parseLua, readReturnedValue, TRICKY } from "./test-helpers";

/** A from-scratch decoder of Lua 5.1 double-quoted literals (the escapes `luaString` writes). */
function decodeLiteral(raw: string): string {
  expect(raw.startsWith('"') && raw.endsWith('"')).toBe(true);
  const body = raw.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, r: 13, t: 9, "\\": 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\") {
      bytes.push(c.charCodeAt(0));
      continue;
    }
    const next = body[i + 1] as string;
    if (next in simple) {
      bytes.push(simple[next] as number);
      i += 1;
    } else {
      const digits = /^\d{1,3}/.exec(body.slice(i + 1))?.[0] ?? "";
      expect(digits).not.toBe("");
      bytes.push(Number(digits));
      i += digits.length;
    }
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
}

/** The string a Lua parser reads back from `return <literal>`. */
function parsedBack(literal: string): string {
  return readReturnedValue(`return ${literal}`) as string;
}

/** The raw text of the literal as the parser saw it. */
function rawOf(literal: string): string {
  const body = parseLua(`return ${literal}`).body as { arguments: { raw: string }[] }[];
  return body[0]?.arguments[0]?.raw ?? "";
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const trickyStrings = [
  "",
  TRICKY,
  'He said "stop"',
  "back\\slash at the end\\",
  "]]",
  "[==[ long ]==] --[[ not a comment ]]",
  "line\nbreak\r\nand\rreturn",
  "\u0000\u0001\u001f\u007f",
  "\u00012 a control char before digits",
  "emoji 🌱🧪👩🏽‍🔬 and CJK 光合作用",
  "\u2028\u2029 separators",
];

describe("luaString", () => {
  it("writes only printable ASCII, whatever the text", () => {
    for (const text of trickyStrings) expect(luaString(text)).toMatch(/^"[\x20-\x7e]*"$/);
  });

  it("reads back as the same text through a Lua parser", () => {
    for (const text of trickyStrings) expect(parsedBack(luaString(text))).toBe(text);
  });

  it("gives the parser a raw literal that a plain Lua escape decoder turns back into the text", () => {
    for (const text of trickyStrings) {
      const literal = luaString(text);
      expect(rawOf(literal)).toBe(literal);
      expect(decodeLiteral(literal)).toBe(text);
    }
  });

  it("round-trips random text from across Unicode", () => {
    const random = seededRandom(7);
    const ranges = [
      [0, 0x80],
      [0x80, 0x800],
      [0x800, 0xd800],
      [0xe000, 0x10000],
      [0x10000, 0x110000],
    ] as const;
    for (let n = 0; n < 200; n++) {
      let text = "";
      for (let i = 0; i < 20; i++) {
        const [lo, hi] = ranges[Math.floor(random() * ranges.length)] ?? [0, 0x80];
        text += String.fromCodePoint(lo + Math.floor(random() * (hi - lo)));
      }
      expect(parsedBack(luaString(text))).toBe(text);
    }
  });

  it("writes every escaped byte as three digits, so a following digit stays a digit", () => {
    expect(luaString("\u00019")).toBe('"\\0019"');
    expect(parsedBack(luaString("\u00019"))).toBe("\u00019");
  });

  it("replaces a lone surrogate with U+FFFD, as UTF-8 requires", () => {
    expect(parsedBack(luaString("a\ud800b"))).toBe("a\ufffdb");
  });
});

describe("luaNumber", () => {
  it("writes integers, fractions and exponents as Lua reads them", () => {
    for (const n of [0, 7, -12, 0.1, 36.5, -2048, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER]) {
      expect(readReturnedValue(`return ${luaNumber(n)}`)).toBe(n);
    }
  });

  it("writes negative zero as 0", () => {
    expect(luaNumber(-0)).toBe("0");
  });

  it("refuses NaN and the infinities instead of writing them", () => {
    expect(() => luaNumber(Number.NaN)).toThrow(RangeError);
    expect(() => luaNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => luaNumber(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("luaValue", () => {
  it("writes identifier keys bare and every other key in brackets", () => {
    expect(luaKey("stationId")).toBe("stationId");
    expect(luaKey("end")).toBe('["end"]');
    expect(luaKey("two words")).toBe('["two words"]');
    expect(luaKey("9lives")).toBe('["9lives"]');
    expect(isLuaIdentifier("continue")).toBe(false);
  });

  it("writes nested data that parses back to the same value", () => {
    const data = {
      name: TRICKY,
      end: true,
      "a key": [1, 2.5, -3],
      nested: { list: ["x", "y"], empty: [], none: {} },
      flag: false,
    };
    const source = `return ${luaValue(data)}`;
    expect(checkLuau(source)).toEqual({ ok: true });
    expect(readReturnedValue(source)).toEqual({
      name: TRICKY,
      end: true,
      "a key": [1, 2.5, -3],
      nested: { list: ["x", "y"], empty: [], none: [] },
      flag: false,
    });
  });

  it("writes null as nil and leaves out keys whose value is undefined", () => {
    expect(luaValue(null)).toBe("nil");
    expect(luaValue({ a: 1, b: undefined })).not.toContain("b =");
  });

  it("refuses a table holding NaN", () => {
    expect(() => luaValue({ x: Number.NaN })).toThrow(RangeError);
  });
});

describe("luaComment", () => {
  it("keeps any text on one comment line", () => {
    const source = `${luaComment(`multi\nline\r${TRICKY}`)}\nreturn 1`;
    expect(source.split("\n")).toHaveLength(2);
    expect(readReturnedValue(source)).toBe(1);
  });
});
