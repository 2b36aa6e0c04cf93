// The model behind AI output, as the screens name it. The built-in offline model
// (packages/agents/src/providers/offline/: provider "offline", model "offline-drafts-v1") writes
// canned drafts without a language model, and its token counts are estimates (about four
// characters a token), so both are labelled wherever they show.

export interface ModelRef {
  provider: string;
  model?: string;
}

/** Whether the output came from the built-in offline model rather than a real language model. */
export function isOfflineModel({ provider, model }: ModelRef): boolean {
  return provider === "offline" || (model?.startsWith("offline") ?? false);
}

/** "1,234 tokens", or "≈ 1,234 tokens (estimated)" for an estimate (the offline model's). */
export function formatTokens(count: number, estimated: boolean): string {
  const tokens = `${count.toLocaleString("en")} ${count === 1 ? "token" : "tokens"}`;
  return estimated ? `≈ ${tokens} (estimated)` : tokens;
}

/** Who is reading: teachers are told whom to ask; admins, where the technical detail is. */
export type ModelAudience = "teacher" | "admin";

/**
 * What the Generate page says when no language model is connected. Teachers cannot change the
 * server's settings, so they are told what to ask their administrator for, never which variable
 * to set; admins are pointed at the admin panel, which has the details.
 */
export function offlineModelAdvice(audience: ModelAudience): string {
  return audience === "admin"
    ? "To connect a language model (OpenAI, or a compatible server such as Ollama), see “AI agents” on the admin home: it says which settings the server needs."
    : "Want drafts from a real language model? Ask your school's administrator to connect one (for example an OpenAI account) to ToolboxAI.";
}

/** Words of server set-up a teacher should never be shown: variable names, keys, commands. */
const SERVER_DETAIL =
  /\b[A-Z][A-Z0-9]*_[A-Z0-9_]{2,}\b|\bapi[ _-]?key\b|\bsk-[\w-]{6,}|\benv(?:ironment)? var|\bpnpm\b|\bstatus code\b/i;
const CREDENTIALS =
  /\b(?:401|403)\b|unauthori[sz]ed|incorrect api key|invalid api key|authentication|permission denied/i;

/**
 * A task's error as the teacher who asked for it sees it. Errors about the model's credentials or
 * the server's set-up become what to ask the administrator; admins see the error as recorded.
 */
export function taskErrorFor(audience: ModelAudience, error: string | null): string | null {
  if (error === null || audience === "admin") return error;
  if (CREDENTIALS.test(error)) {
    return "The AI model refused this server's connection details, so nothing could be drafted. Ask your administrator to check the AI model connection, then retry.";
  }
  if (SERVER_DETAIL.test(error)) {
    return "The AI model could not be reached because of a set-up problem on the server. Ask your administrator to check the AI model connection, then retry.";
  }
  return error;
}
