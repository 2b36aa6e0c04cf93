import "server-only";
import pino from "pino";
import { env } from "~/env";

/** Structured JSON logs (pino). Child loggers carry the request's correlation id. */
export const logger = pino({ level: env.logLevel, base: { service: "web" } });
