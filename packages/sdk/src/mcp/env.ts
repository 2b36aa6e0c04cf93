// What the stdio bridge (`pnpm mcp`) reads from its environment: where ToolboxAI runs and the API
// key to act with. The desktop assistant that starts the bridge sets both in its configuration.

export const DEFAULT_TOOLBOXAI_URL = "http://localhost:3000";

export interface BridgeEnv {
  /** The MCP endpoint: TOOLBOXAI_URL's origin (and base path) + /api/mcp. */
  endpoint: URL;
  apiKey: string;
}

/** The bridge's settings, or the sentence to print when they are missing or wrong. */
export function bridgeEnv(env: Record<string, string | undefined> = process.env): BridgeEnv | { problem: string } {
  const apiKey = env.TOOLBOXAI_API_KEY?.trim();
  if (!apiKey) {
    return {
      problem:
        "toolboxai mcp: set TOOLBOXAI_API_KEY to an API key (API keys in ToolboxAI: /teacher/api-keys or /admin/api-keys; its scopes decide the tools you get).",
    };
  }
  const raw = env.TOOLBOXAI_URL?.trim() || DEFAULT_TOOLBOXAI_URL;
  let base: URL;
  try {
    base = new URL(raw);
  } catch {
    return { problem: `toolboxai mcp: TOOLBOXAI_URL is not a URL: ${raw}` };
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    return { problem: `toolboxai mcp: TOOLBOXAI_URL must be an http or https URL, not ${raw}` };
  }
  // Given the endpoint itself, keep it; given the app's address, the endpoint is under it.
  const path = base.pathname.replace(/\/+$/, "");
  const endpoint = new URL(path.endsWith("/api/mcp") ? path : `${path}/api/mcp`, base);
  return { endpoint, apiKey };
}
