import type { Server } from "node:http";
import type { WebSocketServer } from "ws";
import { closeAllForShutdown, closed } from "./connections.js";
import type { RealtimeState } from "./state.js";

/**
 * Graceful shutdown: stops listening, closes every WebSocket with 4200, waits up to
 * `shutdownTimeout` seconds for sockets and in-flight HTTP requests, then drops whatever is left.
 */
export async function shutdown(state: RealtimeState, httpServer: Server, wss: WebSocketServer): Promise<void> {
  const { log } = state;
  const graceMs = state.config.shutdownTimeout * 1000;
  log.info({ websockets: state.connections.size, graceMs }, "realtime server stopping");
  // Stop listening first, so clients told to reconnect don't come back to this instance.
  // The callback fires once every connection (HTTP and upgraded) has closed.
  const httpClosed = new Promise<void>((resolve) => {
    if (!httpServer.listening) return resolve();
    httpServer.close(() => resolve());
  });
  httpServer.closeIdleConnections();

  const sockets = [...wss.clients];
  closeAllForShutdown(state);

  let timer: NodeJS.Timeout | undefined;
  const inTime = await Promise.race([
    Promise.all([httpClosed, ...sockets.map(closed)]).then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    }),
  ]);
  clearTimeout(timer);
  if (!inTime) {
    log.warn(
      { websockets: wss.clients.size },
      "shutdown grace period over: dropping connections and requests still open",
    );
    for (const ws of wss.clients) ws.terminate();
    httpServer.closeAllConnections();
    // Everything was just destroyed, so this resolves at once; bounded anyway so stop() can't hang.
    await Promise.race([httpClosed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  state.connections.clear();
  state.channels.clear();
  state.presence.clear();
  log.info("realtime server stopped");
}
