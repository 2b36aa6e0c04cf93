// @toolboxai/sdk: a typed client for the ToolboxAI REST API (/api/v1), generated from the
// server's OpenAPI document (openapi.json -> src/generated/schema.d.ts; `pnpm --filter @toolboxai/sdk regenerate`).
export { createToolboxClient, type ToolboxClient } from "./client";
export { apiBaseUrl, type DataMethod, SDK_NAME, SDK_VERSION, type ToolboxClientOptions } from "./core";
export { type Problem, type ProblemFieldError, type RateLimitInfo, rateLimitOf, ToolboxApiError } from "./errors";
export type { components, operations, paths } from "./generated/schema";
export { filenameOf, type RojoProject } from "./rojo";
export { FINISHED_TASK_STATUSES, TaskTimeoutError, type WaitForTaskOptions } from "./tasks";
