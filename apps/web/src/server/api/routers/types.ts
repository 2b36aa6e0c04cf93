import type { ServiceContext } from "~/server/services/context";

/** What a handler of a protected procedure receives: the service context and its parsed input. */
export interface HandlerArgs<TInput = undefined> {
  ctx: { svc: ServiceContext };
  input: TInput;
}
