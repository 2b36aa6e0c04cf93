// pusherAuthResponse's refusals of credentials that must not sign realtime subscriptions: an API
// key acts without its owner present and holds no realtime scope, so it never gets a signature
// for the owner's private channels; an app session (the mobile app's access token) does.
import { channels } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createDomainWorld, type DomainWorld } from "../testing";
import { type PusherAuthDeps, pusherAuthResponse } from "./pusher-auth";

let w: DomainWorld;
let teacher: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  teacher = await w.actor("a", "TEACHER");
});
afterAll(() => w.t.close());

const signed: string[] = [];
const signer: PusherAuthDeps["signer"] = {
  authorizeChannel(socketId: string, channel: string) {
    signed.push(channel);
    return { auth: `test-key:${socketId}:${channel}` };
  },
};

function subscribe(actor: Actor, channel: string) {
  const req = new Request("http://localhost:3000/api/pusher/auth", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ socket_id: "1234.5678", channel_name: channel }).toString(),
  });
  return pusherAuthResponse(req, {
    db: w.t.db,
    actor,
    correlationId: "chain-1",
    requestId: "req-1",
    signer,
  });
}

describe("pusherAuthResponse and API keys", () => {
  it("refuses an API key its owner's own private channel with a 403 problem+json, signing nothing", async () => {
    signed.length = 0;
    const key = { ...teacher, apiKeyId: "key-1", scopes: ["admin", "content:read", "messages:read"] };
    const res = await subscribe(key, channels.user(teacher.userId));
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "/docs/problems#forbidden",
      title: "Not allowed",
      status: 403,
      detail: "This operation cannot be called with an API key.",
      instance: "/api/pusher/auth",
      code: "FORBIDDEN",
      requestId: "req-1",
      correlationId: "chain-1",
    });
    expect(signed).toEqual([]);
  });

  it("signs the same channel for the owner's app session (an access token, no key)", async () => {
    signed.length = 0;
    const res = await subscribe({ ...teacher, sessionId: "app-session-1" }, channels.user(teacher.userId));
    expect(res.status).toBe(200);
    expect(signed).toEqual([channels.user(teacher.userId)]);
  });
});
