// The API key format, like GitHub's tokens: a recognizable prefix, 30 random base62 characters
// and the CRC32 of those 30 in 6 base62 characters (`tbx_live_` + 36 = 45 characters). Secret
// scanners can spot a leaked key by its shape and checksum; the server refuses a mistyped or made
// up key before any database lookup. Only an HMAC of the key is stored.
import { createHmac, randomInt } from "node:crypto";
import { crc32 } from "node:zlib";
import { API_KEY_PREFIX } from "@toolboxai/validators";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const KEY_SHAPE = /^tbx_live_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/;

/** `n` in base62, left-padded with "0" to `width` (a uint32 always fits in 6). */
function base62(n: number, width: number): string {
  let out = "";
  let rest = n;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, "0");
}

function checksumOf(random: string): string {
  return base62(crc32(random), CHECKSUM_LENGTH);
}

/** A new key (cryptographically random: 30 × log2(62) ≈ 178 bits). */
export function generateApiKey(): string {
  let random = "";
  for (let i = 0; i < RANDOM_LENGTH; i++) random += BASE62[randomInt(62)];
  return `${API_KEY_PREFIX}${random}${checksumOf(random)}`;
}

/** Whether `value` has a key's shape (what decides key vs access token in a Bearer header). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/** Whether `key` is well formed and its checksum matches: no database is needed to refuse it. */
export function hasValidChecksum(key: string): boolean {
  const m = KEY_SHAPE.exec(key);
  return m !== null && checksumOf(m[1] as string) === m[2];
}

/** What is stored and looked up: HMAC-SHA256 of the whole key with the "api-key-hash" secret. */
export function hashApiKey(pepper: Buffer, key: string): string {
  return createHmac("sha256", pepper).update(key).digest("hex");
}

/** What lists show to tell keys apart: the prefix and the first 4 random characters. */
export function displayPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 4);
}
