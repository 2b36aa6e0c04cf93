// A REST request's JSON body, read before the adapter sees it: the adapter reads whole bodies
// without a cap, answers an empty POST (publish, duplicate: path parameters only) with 415 or a
// parse error, and spreads a JSON array or string into `{0: ...}`. Here an empty body is `{}`,
// anything else must be a JSON object sent as application/json within MAX_BODY_BYTES.

/** The largest request body accepted (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; code: string; detail: string };

const tooLarge = {
  ok: false,
  status: 413,
  code: "PAYLOAD_TOO_LARGE",
  detail: `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB.`,
} as const;

/** Reads at most `limit` bytes of the body; null when there are more. */
async function readCapped(req: Request, limit: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(all);
}

/** `application/json` (parameters such as `charset` allowed), case-insensitively. */
export function isJsonMediaType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** The JSON object a POST, PUT or PATCH carries, or why it is refused. */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<BodyOutcome> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const text = await readCapped(req, limit);
  if (text === null) return tooLarge;
  if (text.trim() === "") return { ok: true, body: {} };
  if (!isJsonMediaType(req.headers.get("content-type"))) {
    const sent = req.headers.get("content-type");
    return {
      ok: false,
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      detail: sent
        ? `Send the body as application/json, not ${sent.split(";")[0]?.trim()}.`
        : "Send the body as application/json (the Content-Type header is missing).",
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: "PARSE_ERROR",
      detail: `The body is not valid JSON: ${error instanceof Error ? error.message : "parse error"}.`,
    };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return {
      ok: false,
      status: 400,
      code: "PARSE_ERROR",
      detail: `The body must be a JSON object, not ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`}.`,
    };
  }
  return { ok: true, body: parsed as Record<string, unknown> };
}
