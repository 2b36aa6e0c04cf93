// The key format: recognizable, checksummed, refused without a database when mistyped.

import { API_KEY_PATTERN } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey, hasValidChecksum } from "./format";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

describe("API key format", () => {
  it("is tbx_live_ followed by 36 base62 characters, the last 6 a checksum of the 30 before", () => {
    for (let i = 0; i < 200; i++) {
      const key = generateApiKey();
      expect(key).toMatch(API_KEY_PATTERN);
      expect(key).toHaveLength(45);
      expect(hasValidChecksum(key)).toBe(true);
    }
  });

  it("never repeats a key", () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
  });

  it("fails the checksum when any one character after the prefix is changed", () => {
    const key = generateApiKey();
    for (let i = 9; i < key.length; i++) {
      const other = BASE62[(BASE62.indexOf(key[i] as string) + 1 + (i % 61)) % 62] as string;
      const mutated = key.slice(0, i) + other + key.slice(i + 1);
      expect(hasValidChecksum(mutated), mutated).toBe(false);
    }
  });

  it("fails the checksum for other prefixes, lengths and characters", () => {
    const key = generateApiKey();
    expect(hasValidChecksum(key.replace("tbx_live_", "tbx_test_"))).toBe(false);
    expect(hasValidChecksum(key.slice(0, -1))).toBe(false);
    expect(hasValidChecksum(`${key}0`)).toBe(false);
    expect(hasValidChecksum(`${key.slice(0, 20)}-${key.slice(21)}`)).toBe(false);
    expect(hasValidChecksum("")).toBe(false);
  });

  it("hashes with the secret: the same key under another secret gives another hash", () => {
    const key = generateApiKey();
    const a = hashApiKey(Buffer.from("a".repeat(32)), key);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(Buffer.from("a".repeat(32)), key)).toBe(a);
    expect(hashApiKey(Buffer.from("b".repeat(32)), key)).not.toBe(a);
    expect(a).not.toContain(key.slice(9));
  });

  it("shows the prefix and the first four random characters to tell keys apart", () => {
    const key = generateApiKey();
    expect(displayPrefix(key)).toBe(key.slice(0, 13));
    expect(displayPrefix(key)).toMatch(/^tbx_live_[0-9A-Za-z]{4}$/);
  });
});
