import { middleware } from "../init";

/** Times every call and logs it with its correlation and request ids; unexpected errors are logged with their stack. */
export const requestLog = middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  const fields = {
    correlationId: ctx.correlation.correlationId,
    requestId: ctx.correlation.requestId,
    path,
    type,
    ms,
    userId: ctx.actor?.userId,
    source: ctx.request?.source,
  };
  if (result.ok) {
    ctx.logger.debug(fields, "trpc ok");
  } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
    const cause = result.error.cause ?? result.error;
    ctx.logger.error({ ...fields, err: cause }, "trpc internal error");
  } else {
    ctx.logger.info({ ...fields, code: result.error.code }, "trpc refused");
  }
  return result;
});
