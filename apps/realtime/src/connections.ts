import { randomInt } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { clientEvent, subscribe, unsubscribe } from "./channels.js";
import { ErrorCode, type PusherMessage, parseObject, send, sendError } from "./protocol.js";
import type { Connection, RealtimeState } from "./state.js";

/**
 * Accepts WebSocket upgrades on `/app/<key>` of `httpServer` and runs each connection: the
 * handshake, message routing, idle pings and their 4201 timeout.
 */
export function attachWebSockets(state: RealtimeState, httpServer: Server): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 100 * 1024 });

  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => {
      socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    // A malformed URL (`/app/%`) must be answered, not thrown: this listener runs outside any
    // try/catch, and an exception here would stop the whole server.
    let key: string;
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const match = /^\/app\/([^/]+)$/.exec(url.pathname);
      if (!match) return refuse("404 Not Found");
      key = decodeURIComponent(match[1] ?? "");
    } catch {
      return refuse("400 Bad Request");
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(state, ws, socket, key));
  });

  return wss;
}

function newSocketId(state: RealtimeState): string {
  let id: string;
  do {
    id = `${randomInt(1, 2 ** 40)}.${randomInt(1, 2 ** 40)}`;
  } while (state.connections.has(id));
  return id;
}

function onConnection(state: RealtimeState, ws: WebSocket, socket: Duplex, key: string): void {
  const { log } = state;
  ws.on("error", (err) => log.warn({ err }, "websocket error"));
  if (state.stopping) {
    // An upgrade that arrived on a kept-alive HTTP connection after stop() began.
    sendError(ws, ErrorCode.ReconnectImmediately, "Server is shutting down: reconnect");
    ws.close(ErrorCode.ReconnectImmediately, "Server shutting down");
    return;
  }
  if (key !== state.config.app.key) {
    log.info({ key }, "rejected connection with unknown app key");
    sendError(ws, ErrorCode.ApplicationDoesNotExist, `Application does not exist: ${key}`);
    ws.close(ErrorCode.ApplicationDoesNotExist, "Application does not exist");
    return;
  }
  const conn: Connection = {
    socketId: newSocketId(state),
    ws,
    socket,
    channels: new Set(),
    presence: new Map(),
    clientEventTimes: [],
    lastActivity: performance.now(),
    pingSentAt: undefined,
    idleTimer: undefined,
  };
  state.connections.set(conn.socketId, conn);
  log.debug({ socketId: conn.socketId }, "connection established");
  send(ws, "pusher:connection_established", {
    socket_id: conn.socketId,
    // activity_timeout is whole seconds on the wire, and pusher-js refuses 0.
    activity_timeout: Math.max(1, Math.ceil(state.config.activityTimeout)),
  });
  armIdleCheck(state, conn, state.config.activityTimeout * 1000);

  const touch = () => {
    conn.lastActivity = performance.now();
  };
  // WebSocket-level ping/pong frames (sent by some clients, e.g. pusher-js on Node) are activity too.
  ws.on("ping", touch);
  ws.on("pong", touch);
  ws.on("message", (raw: RawData, isBinary: boolean) => {
    touch();
    if (isBinary) return;
    let msg: PusherMessage;
    try {
      const parsed = JSON.parse(raw.toString());
      if (!parsed || typeof parsed !== "object" || typeof parsed.event !== "string") throw new Error("bad shape");
      msg = parsed as PusherMessage;
    } catch {
      // No protocol code fits (4200 would mean "reconnect now"), and the code is optional: null.
      sendError(ws, null, "Invalid message format");
      return;
    }
    try {
      onMessage(state, conn, msg);
    } catch (err) {
      log.error({ err, socketId: conn.socketId }, "message handler failed");
    }
  });
  ws.on("close", () => {
    clearTimeout(conn.idleTimer);
    conn.idleTimer = undefined;
    for (const channel of [...conn.channels]) unsubscribe(state, conn, channel);
    state.connections.delete(conn.socketId);
    log.debug({ socketId: conn.socketId }, "connection closed");
  });
}

// Idle handling (protocol v7): after activityTimeout without a message from the client we send
// pusher:ping; if nothing at all arrives within pongTimeout we close with 4201. One timer per
// connection, re-armed lazily: receiving a message only records its time, so busy connections cost
// nothing extra and an idle one wakes up once per interval.
function armIdleCheck(state: RealtimeState, conn: Connection, delayMs: number): void {
  conn.idleTimer = setTimeout(() => idleCheck(state, conn), delayMs);
  conn.idleTimer.unref();
}

function idleCheck(state: RealtimeState, conn: Connection): void {
  const activityMs = state.config.activityTimeout * 1000;
  conn.idleTimer = undefined;
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  const now = performance.now();
  if (conn.pingSentAt !== undefined) {
    if (conn.lastActivity <= conn.pingSentAt) {
      state.log.info({ socketId: conn.socketId }, "closing connection: pong reply not received");
      conn.ws.close(ErrorCode.PongNotReceived, "Pong reply not received");
      return;
    }
    conn.pingSentAt = undefined;
  }
  const idleMs = now - conn.lastActivity;
  if (idleMs < activityMs) {
    armIdleCheck(state, conn, activityMs - idleMs);
    return;
  }
  state.log.debug({ socketId: conn.socketId }, "idle: sending pusher:ping");
  conn.pingSentAt = now;
  send(conn.ws, "pusher:ping", {});
  armIdleCheck(state, conn, state.config.pongTimeout * 1000);
}

function onMessage(state: RealtimeState, conn: Connection, msg: PusherMessage): void {
  switch (msg.event) {
    case "pusher:ping":
      send(conn.ws, "pusher:pong", {});
      return;
    case "pusher:pong":
      return;
    case "pusher:subscribe": {
      const data = parseObject(msg.data) ?? {};
      subscribe(state, conn, data);
      return;
    }
    case "pusher:unsubscribe": {
      const data = parseObject(msg.data) ?? {};
      if (typeof data.channel === "string") unsubscribe(state, conn, data.channel);
      return;
    }
    default:
      if (msg.event.startsWith("client-")) {
        clientEvent(state, conn, msg);
      }
  }
}

/** Shutdown: stops every idle timer and closes every connection with 4200 ("reconnect immediately"). */
export function closeAllForShutdown(state: RealtimeState): void {
  for (const conn of state.connections.values()) {
    clearTimeout(conn.idleTimer);
    conn.idleTimer = undefined;
    sendError(conn.ws, ErrorCode.ReconnectImmediately, "Server is shutting down: reconnect");
    conn.ws.close(ErrorCode.ReconnectImmediately, "Server shutting down");
  }
}

/** Resolves once `ws` has finished its closing handshake (or at once if it already has). */
export function closed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve();
    else ws.once("close", () => resolve());
  });
}
