import type { TaskRuntime } from "~/server/services/agent-tasks";
import type { ServiceContext } from "~/server/services/context";

/** What a handler of a protected procedure receives: the service context and its parsed input. */
export interface HandlerArgs<TInput = undefined> {
  ctx: { svc: ServiceContext };
  input: TInput;
}

/** A handler that also hands work to the agents' runtime (queue, model). */
export interface AgentHandlerArgs<TInput = undefined> {
  ctx: { svc: ServiceContext; agents: () => TaskRuntime };
  input: TInput;
}
