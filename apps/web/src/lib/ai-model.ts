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
