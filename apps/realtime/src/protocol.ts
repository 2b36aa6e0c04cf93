import { WebSocket } from "ws";

/**
 * Protocol v7 error codes this server sends (pusher:error `code`, WebSocket close codes). Ranges:
 * 4000-4099 do not reconnect with the same parameters, 4100-4199 reconnect after a back-off,
 * 4200-4299 reconnect immediately, 4300-4399 other errors.
 */
export const ErrorCode = {
  /** Unknown app key; the connection is closed. */
  ApplicationDoesNotExist: 4001,
  /** The connection is not authorized, here: for the channel it tried to subscribe to. */
  Unauthorized: 4009,
  /** Server going away (shutdown): clients reconnect at once, to another instance. */
  ReconnectImmediately: 4200,
  /** No pong within the pong timeout after our pusher:ping; the connection is closed. */
  PongNotReceived: 4201,
  /** More client events per second than allowed. */
  ClientEventRateLimit: 4301,
} as const;

export interface PusherMessage {
  event: string;
  channel?: string;
  data?: unknown;
}

export const CHANNEL_NAME_RE = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;

export const isPrivate = (ch: string) => ch.startsWith("private-");
export const isPresence = (ch: string) => ch.startsWith("presence-");

export function toDataString(data: unknown): string {
  return typeof data === "string" ? data : JSON.stringify(data ?? null);
}

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function parseObject(value: unknown): Record<string, unknown> | undefined {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export function send(ws: WebSocket, event: string, data: unknown, channel?: string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  const msg: PusherMessage = { event, data: toDataString(data) };
  if (channel !== undefined) msg.channel = channel;
  ws.send(JSON.stringify(msg));
}

export function sendError(ws: WebSocket, code: number | null, message: string): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  ws.send(JSON.stringify({ event: "pusher:error", data: { code, message } }));
}
