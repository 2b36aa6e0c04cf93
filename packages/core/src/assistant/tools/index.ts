// The assistant's tools: the registry and its types (see ./registry.ts).
export * from "./registry";
export type { AssistantTool, ToolCallMeta, ToolContext } from "./types";
