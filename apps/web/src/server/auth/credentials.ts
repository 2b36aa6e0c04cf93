// Which credential a request carries, decided from its headers (and URL) alone, before anything
// is looked up: an API key (`Authorization: Bearer tbx_live_…` or `X-API-Key: tbx_live_…`), a
// first-party app's access token (any other `Authorization: Bearer …`), or neither (the browser's
// next-auth session cookie). A key in the URL is refused: URLs end up in logs and browser history.
import { looksLikeApiKey } from "@toolboxai/core";

export type Credential =
  | { kind: "api-key"; key: string }
  | { kind: "access-token"; token: string }
  /** No Authorization or X-API-Key header: whatever session cookie the request has. */
  | { kind: "session" }
  /** A credential that is refused as presented (UNAUTHORIZED with this message). */
  | { kind: "refused"; message: string };

export const KEY_IN_URL_MESSAGE = "Send the API key in the Authorization header, never in the URL.";
const BOTH_MESSAGE = "Send one credential: an Authorization header or an X-API-Key header, not both.";
const SCHEME_MESSAGE = "Send credentials as `Authorization: Bearer <API key or access token>`.";
const NOT_A_KEY_MESSAGE = "This API key is not valid.";

/** Whether any query parameter's value is an API key (`?api_key=`, `?key=`, `?token=`, ...). */
function keyInUrl(url: string | undefined): boolean {
  if (!url) return false;
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return false;
  }
  for (const value of params.values()) if (looksLikeApiKey(value.trim())) return true;
  return false;
}

function bearerOf(authorization: string): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? (match[1] as string) : null;
}

export function credentialOf(headers: Headers, url?: string): Credential {
  if (keyInUrl(url)) return { kind: "refused", message: KEY_IN_URL_MESSAGE };
  const authorization = headers.get("authorization")?.trim() || null;
  const apiKeyHeader = headers.get("x-api-key")?.trim() || null;
  if (authorization && apiKeyHeader) return { kind: "refused", message: BOTH_MESSAGE };
  if (apiKeyHeader) {
    return looksLikeApiKey(apiKeyHeader)
      ? { kind: "api-key", key: apiKeyHeader }
      : { kind: "refused", message: NOT_A_KEY_MESSAGE };
  }
  if (authorization) {
    const bearer = bearerOf(authorization);
    if (!bearer) return { kind: "refused", message: SCHEME_MESSAGE };
    return looksLikeApiKey(bearer) ? { kind: "api-key", key: bearer } : { kind: "access-token", token: bearer };
  }
  return { kind: "session" };
}
