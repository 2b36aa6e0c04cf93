// Which credential a request carries, decided from its headers (and URL) alone, before anything
// is looked up: an API key (`Authorization: Bearer tbx_live_…` or `X-API-Key: tbx_live_…`), a
// first-party app's access token (any other `Authorization: Bearer …`), or neither (the browser's
// next-auth session cookie). A credential in the URL (a key, a refresh token, a JWT) is refused:
// URLs end up in logs and browser history. An Authorization header of another scheme (HTTP Basic
// from a proxy in front of the app) is not ours: the request falls through to the cookie.
import { looksLikeApiKey, REFRESH_TOKEN_PREFIX } from "@toolboxai/core";

export type Credential =
  | { kind: "api-key"; key: string }
  | { kind: "access-token"; token: string }
  /** No bearer token or X-API-Key header: whatever session cookie the request has. */
  | { kind: "session" }
  /** A credential that is refused as presented (UNAUTHORIZED with this message). */
  | { kind: "refused"; message: string };

export const KEY_IN_URL_MESSAGE = "Send the API key in the Authorization header, never in the URL.";
export const TOKEN_IN_URL_MESSAGE = "Send tokens in the Authorization header or the request body, never in the URL.";
const BOTH_MESSAGE = "Send one credential: an Authorization header or an X-API-Key header, not both.";
const MALFORMED_BEARER_MESSAGE = "Send credentials as `Authorization: Bearer <API key or access token>`.";
const NOT_A_KEY_MESSAGE = "This API key is not valid.";

const REFRESH_TOKEN = new RegExp(`^${REFRESH_TOKEN_PREFIX}[\\w-]{16,}$`);
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * The refusal for a credential in any query parameter's value (`?api_key=`, `?token=`, ...): an
 * API key, a refresh token (`tbx_rt_…`) or a JWT-looking access token; null when there is none.
 */
function credentialInUrl(url: string | undefined): string | null {
  if (!url) return null;
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  for (const raw of params.values()) {
    const value = raw.trim();
    if (looksLikeApiKey(value)) return KEY_IN_URL_MESSAGE;
    if (REFRESH_TOKEN.test(value) || JWT.test(value)) return TOKEN_IN_URL_MESSAGE;
  }
  return null;
}

/** A Bearer header's token, "malformed" for a Bearer header without exactly one, null for another scheme. */
function bearerOf(authorization: string): string | "malformed" | null {
  const [scheme, ...rest] = authorization.split(/\s+/);
  if (scheme?.toLowerCase() !== "bearer") return null;
  return rest.length === 1 && rest[0] ? rest[0] : "malformed";
}

export function credentialOf(headers: Headers, url?: string): Credential {
  const inUrl = credentialInUrl(url);
  if (inUrl) return { kind: "refused", message: inUrl };
  const authorization = headers.get("authorization")?.trim() || null;
  const bearer = authorization ? bearerOf(authorization) : null;
  const apiKeyHeader = headers.get("x-api-key")?.trim() || null;
  if (bearer && apiKeyHeader) return { kind: "refused", message: BOTH_MESSAGE };
  if (apiKeyHeader) {
    return looksLikeApiKey(apiKeyHeader)
      ? { kind: "api-key", key: apiKeyHeader }
      : { kind: "refused", message: NOT_A_KEY_MESSAGE };
  }
  if (bearer === "malformed") return { kind: "refused", message: MALFORMED_BEARER_MESSAGE };
  if (bearer) {
    return looksLikeApiKey(bearer) ? { kind: "api-key", key: bearer } : { kind: "access-token", token: bearer };
  }
  // No Authorization, or one of another scheme (a proxy's HTTP Basic): the session cookie decides.
  return { kind: "session" };
}
