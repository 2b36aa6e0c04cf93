// "Every admin, security and data-protection event is audited": each admin and security action
// the platform has today, performed through its service on a real database, leaves an audit row
// naming the action, the person who acted and what they acted on, in the organization it
// happened in (and the admin audit page lists it). The features of the admin panel being built
// alongside (settings, import, export, erasure, consent) test their own audit rows.
import { createApiKeySchema } from "@toolboxai/validators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { createApiKey, revokeApiKey, rotateApiKey } from "../api-keys/api-keys";
import { appTokenSettings } from "../auth/access-tokens";
import { grantAppTokens, revokeAppTokens } from "../auth/app-tokens";
import { requestPasswordReset, resetPassword } from "../auth/password-reset";
import { authenticate, recordSignOut } from "../auth/sign-in";
import { createLogMailer, type MailSettings } from "../mail/mailer";
import { changePassword } from "../me/me";
import { invalidateMetricsCache } from "../metrics/invalidate";
import type { MetricsRuntime } from "../metrics/runtime";
import { deriveSecret } from "../secrets";
import { DEFAULT_SESSION_POLICY } from "../sessions/policy";
import { createRevocationHub } from "../sessions/revocations";
import { signOutOtherSessions } from "../sessions/sessions";
import { createDomainWorld, type DomainWorld, PASSWORD } from "../testing";
import { linkParent, unlinkParent } from "../users/parent-links";
import {
  changeUserRole,
  createPasswordResetLink,
  createUser,
  deleteUser,
  setUserActive,
  updateUser,
} from "../users/users";
import { listAudit } from "./query";

const pepper = deriveSecret("a-test-secret-of-at-least-32-characters", "api-key-hash");
const quietLogger = { warn() {} };
const logMail: MailSettings = { mailer: createLogMailer(quietLogger), appUrl: "https://school.test" };

let w: DomainWorld;
let admin: Actor;
beforeAll(async () => {
  w = await createDomainWorld();
  admin = await w.actor("a", "ADMIN");
});
afterAll(() => w.t.close());

interface Expected {
  actorId: string | null;
  targetType?: string;
  targetId?: string;
}

/** The one row `action` left in organization a for this target, checked for its actor and target. */
async function expectAudited(action: string, expected: Expected) {
  const rows = await w.t.db.auditLog.findMany({
    where: { action, ...(expected.targetId ? { targetId: expected.targetId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  expect(rows, `an audit row for ${action}`).toHaveLength(1);
  const row = rows[0];
  expect(row?.organizationId).toBe(w.orgs.a);
  expect(row?.actorId).toBe(expected.actorId);
  if (expected.targetType) expect(row?.targetType).toBe(expected.targetType);
  // The admin's audit page shows it, filtered by that action.
  const page = await listAudit(w.svc(admin), { action, page: 1, pageSize: 100 });
  expect(page.items.map((e) => e.id)).toContain(row?.id);
  return row;
}

async function freshStudent(name = "Pupil") {
  return w.newActor("a", "STUDENT", name);
}

describe("people management by an admin", () => {
  it("audits creating a person", async () => {
    const { user } = await createUser(w.svc(admin), {
      name: "New Teacher",
      email: "new.teacher@a.test",
      role: "TEACHER",
      password: "",
    });
    const row = await expectAudited("user.created", { actorId: admin.userId, targetType: "User", targetId: user.id });
    expect(row?.metadata).toMatchObject({ email: "new.teacher@a.test", role: "TEACHER" });
  });

  it("audits editing a person's details, with what changed", async () => {
    const student = await freshStudent("Before Name");
    await updateUser(w.svc(admin), { userId: student.userId, name: "After Name", email: student.email });
    const row = await expectAudited("user.updated", {
      actorId: admin.userId,
      targetType: "User",
      targetId: student.userId,
    });
    expect(row?.metadata).toMatchObject({ name: { from: "Before Name", to: "After Name" } });
  });

  it("audits changing a person's role, from and to", async () => {
    const student = await freshStudent();
    await changeUserRole(w.svc(admin), { userId: student.userId, role: "TEACHER" });
    const row = await expectAudited("user.role_changed", {
      actorId: admin.userId,
      targetType: "User",
      targetId: student.userId,
    });
    expect(row?.metadata).toMatchObject({ from: "STUDENT", to: "TEACHER" });
  });

  it("audits deactivating and reactivating a person", async () => {
    const student = await freshStudent();
    await setUserActive(w.svc(admin), { userId: student.userId, active: false });
    await expectAudited("user.deactivated", { actorId: admin.userId, targetType: "User", targetId: student.userId });
    await setUserActive(w.svc(admin), { userId: student.userId, active: true });
    await expectAudited("user.reactivated", { actorId: admin.userId, targetType: "User", targetId: student.userId });
  });

  it("audits making a password reset link for a person", async () => {
    const student = await freshStudent();
    await createPasswordResetLink(w.svc(admin), { userId: student.userId }, { mail: logMail });
    await expectAudited("user.password_reset_link_created", {
      actorId: admin.userId,
      targetType: "User",
      targetId: student.userId,
    });
  });

  it("audits deleting a person, keeping who they were", async () => {
    const student = await freshStudent("Leaving Pupil");
    await deleteUser(w.svc(admin), { userId: student.userId });
    const row = await expectAudited("user.deleted", {
      actorId: admin.userId,
      targetType: "User",
      targetId: student.userId,
    });
    expect(row?.metadata).toMatchObject({ name: "Leaving Pupil", email: student.email });
  });

  it("audits linking and unlinking a parent and a child", async () => {
    const parent = await w.newActor("a", "PARENT");
    const student = await freshStudent();
    await linkParent(w.svc(admin), { parentId: parent.userId, studentIds: [student.userId] });
    await expectAudited("user.parent_linked", { actorId: admin.userId, targetType: "User", targetId: parent.userId });
    await unlinkParent(w.svc(admin), { parentId: parent.userId, studentId: student.userId });
    await expectAudited("user.parent_unlinked", {
      actorId: admin.userId,
      targetType: "User",
      targetId: parent.userId,
    });
  });
});

describe("API keys", () => {
  it("audits creating, rotating and revoking a key", async () => {
    const input = createApiKeySchema.parse({ name: "Audited key", scopes: ["admin"] });
    const created = await createApiKey(w.svc(admin), input, { pepper });
    await expectAudited("api_key.created", { actorId: admin.userId, targetType: "ApiKey", targetId: created.key.id });
    const rotated = await rotateApiKey(w.svc(admin), { keyId: created.key.id, grace: "1h" }, { pepper });
    await expectAudited("api_key.rotated", { actorId: admin.userId, targetType: "ApiKey", targetId: created.key.id });
    await revokeApiKey(w.svc(admin), { keyId: rotated.key.id, reason: "Leaked" });
    await expectAudited("api_key.revoked", { actorId: admin.userId, targetType: "ApiKey", targetId: rotated.key.id });
  });
});

describe("signing in and out", () => {
  it("audits a successful sign-in on the person's account", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    await authenticate({ db: w.t.db }, { email: teacher.email, password: PASSWORD });
    await expectAudited("auth.sign_in", { actorId: teacher.userId, targetType: "User", targetId: teacher.userId });
  });

  it("audits a failed sign-in with its reason", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    expect(await authenticate({ db: w.t.db }, { email: teacher.email, password: "not-the-password" })).toBeNull();
    const row = await expectAudited("auth.sign_in_failed", {
      actorId: teacher.userId,
      targetType: "User",
      targetId: teacher.userId,
    });
    expect(row?.metadata).toMatchObject({ reason: "wrong_password" });
  });

  it("audits signing out", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    await recordSignOut({ db: w.t.db }, teacher.userId);
    await expectAudited("auth.sign_out", { actorId: teacher.userId, targetType: "User", targetId: teacher.userId });
  });

  it("audits an app session started and revoked", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    const deps = {
      db: w.t.db,
      settings: appTokenSettings("a-test-secret-that-is-long-enough-for-tests"),
      limiter: null,
      ip: "203.0.113.7",
      policy: DEFAULT_SESSION_POLICY,
      hub: createRevocationHub(),
    };
    const grant = await grantAppTokens(deps, { email: teacher.email, password: PASSWORD });
    const started = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "auth.app_session_started", actorId: teacher.userId },
    });
    expect(started.targetType).toBe("Session");
    await revokeAppTokens(deps, { refreshToken: grant.refreshToken });
    await expectAudited("auth.app_session_revoked", {
      actorId: teacher.userId,
      targetType: "Session",
      targetId: started.targetId ?? "",
    });
  });

  it("audits signing out of the other sessions", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    await signOutOtherSessions(w.svc(teacher));
    await expectAudited("auth.other_sessions_signed_out", {
      actorId: teacher.userId,
      targetType: "User",
      targetId: teacher.userId,
    });
  });
});

describe("passwords", () => {
  it("audits a person changing their own password", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    await changePassword(w.svc(teacher), {
      currentPassword: PASSWORD,
      newPassword: "another-horse-43",
      confirmPassword: "another-horse-43",
    });
    await expectAudited("user.password_changed", {
      actorId: teacher.userId,
      targetType: "User",
      targetId: teacher.userId,
    });
  });

  it("audits a 'forgot password' request with no actor, and the reset made with its link", async () => {
    const teacher = await w.newActor("a", "TEACHER");
    let delivery: Promise<void> = Promise.resolve();
    await requestPasswordReset(
      { db: w.t.db, mail: logMail, onDelivery: (d) => (delivery = d) },
      { email: teacher.email },
    );
    await delivery;
    await expectAudited("auth.password_reset_requested", {
      actorId: null,
      targetType: "User",
      targetId: teacher.userId,
    });

    const link = await createPasswordResetLink(w.svc(admin), { userId: teacher.userId }, { mail: logMail });
    const token = new URL(link.url).searchParams.get("token") ?? "";
    await resetPassword(
      { db: w.t.db },
      { token, password: "brand-new-horse-44", confirmPassword: "brand-new-horse-44" },
    );
    await expectAudited("auth.password_reset", {
      actorId: teacher.userId,
      targetType: "User",
      targetId: teacher.userId,
    });
  });
});

describe("system", () => {
  it("audits an admin clearing the metrics cache", async () => {
    const rt = { cache: { invalidateOrganization: async () => 3 } } as unknown as MetricsRuntime;
    await invalidateMetricsCache(w.svc(admin), rt);
    const row = await expectAudited("metrics.cache_cleared", { actorId: admin.userId });
    expect(row?.metadata).toMatchObject({ invalidated: 3 });
  });
});

describe("organization isolation", () => {
  it("writes each event into the organization it happened in, which the other's admin never lists", async () => {
    const adminB = await w.actor("b", "ADMIN");
    const studentB = await w.newActor("b", "STUDENT");
    await changeUserRole(w.svc(adminB), { userId: studentB.userId, role: "PARENT" });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { action: "user.role_changed", targetId: studentB.userId },
    });
    expect(row.organizationId).toBe(w.orgs.b);
    const pageA = await listAudit(w.svc(admin), { targetId: studentB.userId, page: 1, pageSize: 100 });
    expect(pageA.total).toBe(0);
  });
});
