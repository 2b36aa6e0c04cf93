import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig, loadConfig } from "./env.js";

/** loadConfig's first problem message, or a failure if it did not throw a ConfigError. */
function problemsOf(env: Readonly<Record<string, string | undefined>>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected loadConfig to throw a ConfigError");
}

describe("loadConfig defaults", () => {
  it("listens on 127.0.0.1:6001 when nothing is set", () => {
    const config = loadConfig({});
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(6001);
  });

  it("serves the development app (app-id / app-key / app-secret) when no credentials are set", () => {
    expect(loadConfig({}).app).toEqual({ id: "app-id", key: "app-key", secret: "app-secret" });
  });

  it("enables client events by default", () => {
    expect(loadConfig({}).enableClientMessages).toBe(true);
  });

  it("pings after 120 s of silence, waits 30 s for the pong and 5 s for a graceful shutdown", () => {
    const config = loadConfig({});
    expect(config.activityTimeout).toBe(120);
    expect(config.pongTimeout).toBe(30);
    expect(config.shutdownTimeout).toBe(5);
  });

  it("treats blank variables as unset", () => {
    const blank = { PUSHER_PORT: "", PUSHER_HOST: "  ", PUSHER_KEY: "", PUSHER_ENABLE_CLIENT_MESSAGES: "" };
    expect(loadConfig(blank)).toEqual(defaultConfig);
  });
});

describe("loadConfig from the environment", () => {
  it("reads the app id, key and secret from PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET", () => {
    const config = loadConfig({ PUSHER_APP_ID: "42", PUSHER_KEY: "k3y", PUSHER_SECRET: "s3cret" });
    expect(config.app).toEqual({ id: "42", key: "k3y", secret: "s3cret" });
  });

  it("reads the address from PUSHER_HOST and PUSHER_PORT", () => {
    const config = loadConfig({ PUSHER_HOST: "0.0.0.0", PUSHER_PORT: "6002" });
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(6002);
  });

  it("listens on REALTIME_BIND_HOST when it is set, whatever PUSHER_HOST names", () => {
    const config = loadConfig({ PUSHER_HOST: "realtime.school.example", REALTIME_BIND_HOST: "0.0.0.0" });
    expect(config.host).toBe("0.0.0.0");
  });

  it("accepts port 0 (any free port, as the tests and the benchmark use)", () => {
    expect(loadConfig({ PUSHER_PORT: "0" }).port).toBe(0);
  });

  it("turns client events off with PUSHER_ENABLE_CLIENT_MESSAGES=false", () => {
    expect(loadConfig({ PUSHER_ENABLE_CLIENT_MESSAGES: "false" }).enableClientMessages).toBe(false);
    expect(loadConfig({ PUSHER_ENABLE_CLIENT_MESSAGES: "true" }).enableClientMessages).toBe(true);
  });

  it("reads the activity, pong and shutdown timeouts in seconds, fractions included", () => {
    const config = loadConfig({
      PUSHER_ACTIVITY_TIMEOUT: "60",
      PUSHER_PONG_TIMEOUT: "2.5",
      PUSHER_SHUTDOWN_TIMEOUT: "10",
    });
    expect(config.activityTimeout).toBe(60);
    expect(config.pongTimeout).toBe(2.5);
    expect(config.shutdownTimeout).toBe(10);
  });

  it("reads the log level from LOG_LEVEL", () => {
    expect(loadConfig({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
  });
});

describe("loadConfig refuses invalid values", () => {
  it.each(["abc", "6001abc", "-1", "65536", "60.5"])("refuses PUSHER_PORT=%s, naming the variable", (value) => {
    expect(problemsOf({ PUSHER_PORT: value })).toEqual([
      `PUSHER_PORT="${value}": expected a port number from 0 to 65535`,
    ]);
  });

  it.each(["0", "-5", "soon", "Infinity"])("refuses PUSHER_ACTIVITY_TIMEOUT=%s (seconds, > 0)", (value) => {
    expect(problemsOf({ PUSHER_ACTIVITY_TIMEOUT: value })).toEqual([
      `PUSHER_ACTIVITY_TIMEOUT="${value}": expected a number of seconds greater than 0`,
    ]);
  });

  it("refuses a PUSHER_PONG_TIMEOUT that is not a positive number", () => {
    expect(problemsOf({ PUSHER_PONG_TIMEOUT: "0" })).toEqual([
      'PUSHER_PONG_TIMEOUT="0": expected a number of seconds greater than 0',
    ]);
  });

  it("refuses a client events flag other than true or false instead of guessing", () => {
    expect(problemsOf({ PUSHER_ENABLE_CLIENT_MESSAGES: "no" })).toEqual([
      'PUSHER_ENABLE_CLIENT_MESSAGES="no": expected true or false',
    ]);
  });

  it("refuses an unknown LOG_LEVEL", () => {
    expect(problemsOf({ LOG_LEVEL: "verbose" })).toEqual([
      'LOG_LEVEL="verbose": expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it("reports every invalid variable in one error message", () => {
    expect(() => loadConfig({ PUSHER_PORT: "x", PUSHER_PONG_TIMEOUT: "-1" })).toThrow(
      'Invalid realtime configuration:\n  - PUSHER_PORT="x": expected a port number from 0 to 65535\n' +
        '  - PUSHER_PONG_TIMEOUT="-1": expected a number of seconds greater than 0',
    );
  });
});
