// createToolboxClient: the typed calls (./core) plus the helpers that save integrators real work.
import { createCoreClient, type ToolboxClientCore, type ToolboxClientOptions } from "./core";
import { downloadRojoProject, type RojoProject } from "./rojo";
import { type WaitForTaskOptions, waitForTask } from "./tasks";

export interface ToolboxClient extends ToolboxClientCore {
  /** Polls GET /agents/tasks/{taskId} until the task is COMPLETED, FAILED or CANCELLED. */
  waitForTask(taskId: string, options?: WaitForTaskOptions): ReturnType<typeof waitForTask>;
  /** GET /roblox/environments/{environmentId}/rojo: the Rojo project zip for Roblox Studio. */
  downloadRojoProject(environmentId: string): Promise<RojoProject>;
}

/**
 * A client for the ToolboxAI REST API. Every call resolves to the response's data or throws a
 * ToolboxApiError (status, code, detail, fieldErrors, requestId).
 *
 * ```ts
 * const toolbox = createToolboxClient({ baseUrl: "https://toolbox.example.org", apiKey });
 * const classes = await toolbox.get("/classes");
 * ```
 */
export function createToolboxClient(options: ToolboxClientOptions): ToolboxClient {
  const core = createCoreClient(options);
  return {
    ...core,
    waitForTask: (taskId, waitOptions) => waitForTask(core, taskId, waitOptions),
    downloadRojoProject: (environmentId) => downloadRojoProject(core, environmentId),
  };
}
