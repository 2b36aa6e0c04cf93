// The HTML around the API docs pages (/docs, /docs/problems): plain server-built pages, outside
// the app's React tree, under the app's CSP (every script carries the request's nonce).
import "server-only";
import { headers } from "next/headers";

/** Escapes text for elements and double-quoted attributes. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** The nonce the proxy chose for this request's CSP (empty outside the proxy, e.g. in unit tests). */
export async function requestNonce(): Promise<string> {
  return (await headers()).get("x-nonce") ?? "";
}

export const NAV_STYLE = `
.tbx-nav{display:flex;gap:1.25rem;align-items:center;padding:.75rem 1.5rem;background:#1e1b4b;color:#fff;font:15px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
.tbx-nav strong{font-size:1.05rem}.tbx-nav a{color:#c7d2fe;text-decoration:none}.tbx-nav a:hover,.tbx-nav a:focus-visible{text-decoration:underline}
`;

export function nav(): string {
  return `<nav class="tbx-nav" aria-label="API documentation">
<strong>ToolboxAI API</strong>
<a href="/docs">Operations</a>
<a href="/docs/problems">Problem types</a>
<a href="/api/v1/openapi.json">OpenAPI document</a>
<a href="/">Back to the app</a>
</nav>`;
}

export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}
