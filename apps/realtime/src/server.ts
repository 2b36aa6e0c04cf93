import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import { attachWebSockets } from "./connections.js";
import type { RealtimeConfig } from "./env.js";
import { createHttpHandler } from "./http-api.js";
import { shutdown } from "./shutdown.js";
import { createState, resolveConfig } from "./state.js";

export { ErrorCode } from "./protocol.js";

export interface RealtimeServer {
  start(): Promise<{ port: number }>;
  /**
   * Graceful shutdown: stops accepting connections, closes every WebSocket with a close frame
   * coded 4200 ("generic reconnect immediately": pusher-js reconnects at once, to another instance
   * behind the same address), lets in-flight HTTP requests finish, and after `shutdownTimeout`
   * seconds drops whatever is still open. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

export interface RealtimeServerOptions {
  logger?: Logger;
}

/**
 * A Pusher Channels protocol v7 server: WebSockets on `/app/<key>` (connections.ts, channels.ts)
 * and the signed HTTP API on `/apps/<id>/...` (http-api.ts), sharing one RealtimeState.
 */
export function createRealtimeServer(
  partial: Partial<RealtimeConfig> = {},
  options: RealtimeServerOptions = {},
): RealtimeServer {
  const config = resolveConfig(partial);
  const state = createState(config, options.logger ?? pino({ name: "realtime", level: config.logLevel }));
  const httpServer = createServer(createHttpHandler(state));
  const wss = attachWebSockets(state, httpServer);

  return {
    start() {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off("error", reject);
          const { port } = httpServer.address() as AddressInfo;
          state.log.info({ host: config.host, port, appId: config.app.id }, "realtime server listening");
          resolve({ port });
        });
      });
    },
    stop() {
      state.stopping ??= shutdown(state, httpServer, wss);
      return state.stopping;
    },
  };
}
