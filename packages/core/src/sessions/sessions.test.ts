// The services that end sessions and list them: sign out of other sessions, a password change,
// a deactivation (and a reactivation that revives nothing), and the account page's list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { changePassword } from "../me/me";
import { createDomainWorld, type DomainWorld, PASSWORD } from "../testing";
import { setUserActive } from "../users/users";
import { describeDevice, describeSessionClient } from "./device";
import { DEFAULT_SESSION_POLICY } from "./policy";
import { createSessionRegistry, type SessionRegistry } from "./registry";
import { listMySessions, signOutOtherSessions } from "./sessions";

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

let w: DomainWorld;
// On the process hub, as in the web app: services announce there.
let registry: SessionRegistry;
beforeAll(async () => {
  w = await createDomainWorld();
  registry = createSessionRegistry({ db: w.t.db, policy: DEFAULT_SESSION_POLICY, singleProcess: true });
});
afterAll(async () => {
  await registry.close();
  await w.t.close();
});

/** A user signed in on `count` browsers; the actor speaks from the first one. */
async function signedInOn(count: number, role: "TEACHER" | "STUDENT" = "TEACHER") {
  const base = await w.newActor("a", role);
  const sessions: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await registry.start({
      userId: base.userId,
      organizationId: base.orgId,
      userAgent: i === 0 ? CHROME_MAC : SAFARI_IPHONE,
      ip: `198.51.100.${i + 1}`,
    });
    sessions.push(id);
    // Cached as valid, as after a request on that browser.
    expect((await registry.check(id)).active).toBe(true);
  }
  const actor: Actor = { ...base, sessionId: sessions[0] as string };
  return { actor, current: sessions[0] as string, others: sessions.slice(1) };
}

const activeOf = async (ids: string[]) => Promise.all(ids.map(async (id) => (await registry.check(id)).active));

describe("sign out of other sessions", () => {
  it("ends every other session of the user at once and keeps this one", async () => {
    const { actor, current, others } = await signedInOn(3);
    expect(await signOutOtherSessions(w.svc(actor))).toEqual({ signedOut: 2 });
    expect(await activeOf(others)).toEqual([false, false]);
    expect(await activeOf([current])).toEqual([true]);
  });

  it("leaves other users' sessions alone", async () => {
    const mine = await signedInOn(2);
    const theirs = await signedInOn(2);
    await signOutOtherSessions(w.svc(mine.actor));
    expect(await activeOf([theirs.current, ...theirs.others])).toEqual([true, true]);
  });

  it("records who did it, from which session, and how many sessions ended", async () => {
    const { actor } = await signedInOn(2);
    await signOutOtherSessions(w.svc(actor));
    const audit = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.other_sessions_signed_out", actorId: actor.userId },
    });
    expect(audit.metadata).toEqual({ count: 1, sessionId: actor.sessionId });
  });
});

describe("a password change", () => {
  it("ends the user's other sessions and keeps the one that changed it", async () => {
    const { actor, current, others } = await signedInOn(3);
    await changePassword(w.svc(actor), {
      currentPassword: PASSWORD,
      newPassword: "a-brand-new-pass-9",
      confirmPassword: "a-brand-new-pass-9",
    });
    expect(await activeOf(others)).toEqual([false, false]);
    expect(await activeOf([current])).toEqual([true]);
    const rows = await w.t.db.session.findMany({ where: { id: { in: others } } });
    expect(rows.map((r) => r.revokedReason)).toEqual(["password_changed", "password_changed"]);
  });

  it("ends no session when the current password is wrong", async () => {
    const { actor, others } = await signedInOn(2);
    await expect(
      changePassword(w.svc(actor), { currentPassword: "wrong", newPassword: "x-new-pass-99", confirmPassword: "x" }),
    ).rejects.toThrow("Your current password is not correct.");
    expect(await activeOf(others)).toEqual([true]);
  });
});

const owner = (actor: Actor) => ({ userId: actor.userId, organizationId: actor.orgId });

describe("app sessions", () => {
  it("end with the browser's when the user signs out of other sessions", async () => {
    const { actor, current, others } = await signedInOn(2);
    const app = await registry.start({ ...owner(actor), userAgent: "Class iPad", kind: "app" });
    expect(await signOutOtherSessions(w.svc(actor))).toEqual({ signedOut: 2 });
    expect(await activeOf([app.id, ...others, current])).toEqual([false, false, true]);
  });

  it("end when the password changes", async () => {
    const { actor } = await signedInOn(1);
    const app = await registry.start({ ...owner(actor), kind: "app" });
    await changePassword(w.svc(actor), {
      currentPassword: PASSWORD,
      newPassword: "a-brand-new-pass-9",
      confirmPassword: "a-brand-new-pass-9",
    });
    expect(await activeOf([app.id])).toEqual([false]);
  });

  it("end when the user is deactivated", async () => {
    const { actor } = await signedInOn(1, "STUDENT");
    const app = await registry.start({ ...owner(actor), kind: "app" });
    await setUserActive(w.svc(await w.actor("a", "ADMIN")), { userId: actor.userId, active: false });
    expect(await activeOf([app.id])).toEqual([false]);
  });
});

describe("deactivation", () => {
  it("ends every session of the user, and reactivation revives none", async () => {
    const { actor, current, others } = await signedInOn(2, "STUDENT");
    const admin = w.svc(await w.actor("a", "ADMIN"));
    await setUserActive(admin, { userId: actor.userId, active: false });
    expect(await activeOf([current, ...others])).toEqual([false, false]);
    await setUserActive(admin, { userId: actor.userId, active: true });
    expect(await activeOf([current, ...others])).toEqual([false, false]);
    const rows = await w.t.db.session.findMany({ where: { userId: actor.userId } });
    expect(rows.map((r) => r.revokedReason)).toEqual(["deactivated", "deactivated"]);
  });
});

describe("the list of my sessions", () => {
  it("shows this browser first, then the others, with device, address and last use", async () => {
    const { actor, current, others } = await signedInOn(2);
    const list = await listMySessions(w.svc(actor));
    expect(list).toEqual([
      expect.objectContaining({ id: current, current: true, device: "Chrome on macOS", ip: "198.51.100.1" }),
      expect.objectContaining({ id: others[0], current: false, device: "Safari on iOS", ip: "198.51.100.2" }),
    ]);
    expect(list[0]?.lastSeenAt).toBeInstanceOf(Date);
  });

  it("names an app session by the app, and says it is one", async () => {
    const { actor } = await signedInOn(1);
    const named = await registry.start({ ...owner(actor), userAgent: "Class iPad", kind: "app" });
    const unnamed = await registry.start({ ...owner(actor), userAgent: "ToolboxAI/2.1 CFNetwork/1494", kind: "app" });
    const list = await listMySessions(w.svc(actor));
    expect(list.find((s) => s.id === named.id)).toMatchObject({ kind: "app", device: "Class iPad" });
    expect(list.find((s) => s.id === unnamed.id)).toMatchObject({ kind: "app", device: "Mobile app" });
    expect(list.find((s) => s.current)).toMatchObject({ kind: "web", device: "Chrome on macOS" });
  });

  it("leaves out revoked, expired and idle sessions and other people's", async () => {
    const { actor, current } = await signedInOn(1);
    const at = new Date();
    const make = (data: { revokedAt?: Date; expiresAt?: Date; lastSeenAt?: Date; userId?: string }) =>
      w.t.db.session.create({
        data: {
          organizationId: actor.orgId,
          userId: actor.userId,
          expiresAt: new Date(at.getTime() + 3_600_000),
          ...data,
        },
      });
    await make({ revokedAt: at });
    await make({ expiresAt: new Date(at.getTime() - 1) });
    await make({ lastSeenAt: new Date(at.getTime() - DEFAULT_SESSION_POLICY.idleMs - 1) });
    await make({ userId: w.users.a.TEACHER.id });
    const list = await listMySessions(w.svc(actor), { now: at, policy: DEFAULT_SESSION_POLICY });
    expect(list.map((s) => s.id)).toEqual([current]);
  });
});

describe("device names", () => {
  it.each([
    [CHROME_MAC, "Chrome on macOS"],
    [SAFARI_IPHONE, "Safari on iOS"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Windows"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    [
      "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome on ChromeOS",
    ],
    ["curl/8.5.0", "Unknown browser"],
    ["", "Unknown device"],
  ])("names %s as %s", (ua, name) => {
    expect(describeDevice(ua)).toBe(name);
  });

  it.each([
    ["Class iPad", "Class iPad"],
    ["ToolboxAI/2.1 CFNetwork/1494.0.7 Darwin/23.4.0", "Mobile app"],
    [SAFARI_IPHONE, "Mobile app"],
    ["", "Mobile app"],
  ])("names an app session recorded as %s as %s", (recorded, name) => {
    expect(describeSessionClient("app", recorded)).toBe(name);
  });
});
