// Which realtime service the app talks to, and what the browser is told, from PUSHER_* variables.
import { describe, expect, it } from "vitest";
import { realtimeConfigFrom } from "./config";

const keys = { PUSHER_APP_ID: "123", PUSHER_KEY: "app-key", PUSHER_SECRET: "app-secret" };

describe("realtimeConfigFrom", () => {
  it("is off when the app id, key or secret is missing", () => {
    expect(realtimeConfigFrom({})).toBeNull();
    expect(realtimeConfigFrom({ ...keys, PUSHER_SECRET: undefined })).toBeNull();
    expect(realtimeConfigFrom({ ...keys, PUSHER_KEY: "  " })).toBeNull();
  });

  it("targets Pusher's cloud over TLS on the mt1 cluster by default", () => {
    const config = realtimeConfigFrom(keys);
    expect(config?.server).toEqual({
      appId: "123",
      key: "app-key",
      secret: "app-secret",
      cluster: "mt1",
      host: undefined,
      port: undefined,
      useTLS: true,
    });
    expect(config?.client).toEqual({ key: "app-key", cluster: "mt1", forceTLS: true });
  });

  it("uses the configured cloud cluster for the server and the browser", () => {
    const config = realtimeConfigFrom({ ...keys, PUSHER_CLUSTER: "eu" });
    expect(config?.server.cluster).toBe("eu");
    expect(config?.client.cluster).toBe("eu");
  });

  it("targets a self-hosted server without TLS, and tells the browser its host and port", () => {
    const config = realtimeConfigFrom({ ...keys, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6001" });
    expect(config?.server).toMatchObject({ host: "127.0.0.1", port: 6001, useTLS: false });
    // pusher-js still needs a cluster, even with wsHost.
    expect(config?.client).toEqual({
      key: "app-key",
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: 6001,
      forceTLS: false,
    });
  });

  it("turns TLS on for a self-hosted server when told, defaulting the browser to port 443", () => {
    const config = realtimeConfigFrom({ ...keys, PUSHER_HOST: "realtime.school.example", PUSHER_TLS: "true" });
    expect(config?.server.useTLS).toBe(true);
    expect(config?.client).toMatchObject({ wsHost: "realtime.school.example", wsPort: 443, forceTLS: true });
  });

  it("gives the browser the public host and port when they differ from the server's", () => {
    const config = realtimeConfigFrom({
      ...keys,
      PUSHER_HOST: "realtime.internal",
      PUSHER_PORT: "6001",
      PUSHER_PUBLIC_HOST: "live.school.example",
      PUSHER_PUBLIC_PORT: "8443",
    });
    expect(config?.server).toMatchObject({ host: "realtime.internal", port: 6001 });
    expect(config?.client).toMatchObject({ wsHost: "live.school.example", wsPort: 8443 });
  });

  it("treats a blank PUSHER_HOST as unset (Pusher's cloud)", () => {
    expect(realtimeConfigFrom({ ...keys, PUSHER_HOST: "" })?.server.host).toBeUndefined();
  });

  it("refuses a port that is not a number, naming the variable", () => {
    expect(() => realtimeConfigFrom({ ...keys, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "sixty" })).toThrow(
      /PUSHER_PORT/,
    );
  });

  it("refuses a TLS setting other than true or false", () => {
    expect(() => realtimeConfigFrom({ ...keys, PUSHER_TLS: "yes" })).toThrow(/PUSHER_TLS/);
  });
});
