// Sends REST requests over the test server's socket, as an integrator's client would: one
// operation of the document, a procedure-shaped input split into its path parameters, query
// string and JSON body (dates as ISO strings), and a credential.
import type { DocOperation } from "./document";
import { TEST_SESSION_HEADER } from "./http-server";

export type Credential =
  | { kind: "none" }
  /** `Authorization: Bearer tbx_live_…` */
  | { kind: "key"; key: string; label: string }
  /** `X-API-Key: tbx_live_…` */
  | { kind: "key-header"; key: string; label: string }
  /** An app's access token from POST /auth/token. */
  | { kind: "token"; token: string; label: string }
  /** The browser session cookie (next-auth, replaced in tests). */
  | { kind: "session"; userId: string; label: string };

export const ANONYMOUS: Credential = { kind: "none" };

export function credentialHeaders(c: Credential): Record<string, string> {
  switch (c.kind) {
    case "none":
      return {};
    case "key":
      return { authorization: `Bearer ${c.key}` };
    case "key-header":
      return { "x-api-key": c.key };
    case "token":
      return { authorization: `Bearer ${c.token}` };
    case "session":
      return { [TEST_SESSION_HEADER]: c.userId };
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body (null when it is not JSON). */
  json: unknown;
  /** What was sent, for failure messages. */
  request: string;
}

export interface RawRequest {
  method: string;
  /** Relative to /api/v1, query string included, exactly as it goes on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

let origin = "";
export function useOrigin(value: string): void {
  origin = value;
}

export async function sendRaw(req: RawRequest): Promise<Reply> {
  const res = await fetch(`${origin}/api/v1${req.path}`, {
    method: req.method,
    headers: req.headers,
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    json,
    request: `${req.method} /api/v1${req.path}${req.body !== undefined ? ` ${req.body.slice(0, 300)}` : ""}`,
  };
}

function wire(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The JSON a body field travels as (dates as ISO strings). */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? {}));
}

export interface SplitInput {
  path: string;
  body: string | undefined;
}

/** A procedure-shaped input as the operation's request: path params, query params, JSON body. */
export function requestOf(op: DocOperation, input: Record<string, unknown> | undefined): SplitInput {
  const rest: Record<string, unknown> = { ...input };
  let path = op.path;
  for (const name of op.pathParams) {
    path = path.replace(`{${name}}`, encodeURIComponent(wire(rest[name])));
    delete rest[name];
  }
  if (op.method === "GET" || op.method === "DELETE") {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) {
      if (v === undefined || v === null) continue;
      for (const item of Array.isArray(v) ? v : [v]) query.append(k, wire(item));
    }
    const qs = query.toString();
    return { path: qs ? `${path}?${qs}` : path, body: undefined };
  }
  return { path, body: op.bodySchema ? JSON.stringify(toJson(rest)) : undefined };
}

export function call(
  op: DocOperation,
  input: Record<string, unknown> | undefined,
  credential: Credential,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const { path, body } = requestOf(op, input);
  return sendRaw({
    method: op.method,
    path,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...credentialHeaders(credential),
      ...headers,
    },
    body,
  });
}
