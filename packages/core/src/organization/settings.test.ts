// An organization's settings: what an admin reads and changes, what is audited, and the allowed
// email domains that account creation, address changes and sign-in enforce.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../auth/sign-in";
import { createDomainWorld, type DomainWorld, domainErrorOf, PASSWORD } from "../testing";
import { createUser, updateUser } from "../users/users";
import { assertAllowedEmail, getOrgSettings, isAllowedEmail, updateOrgSettings } from "./settings";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(() => w.t.close());

const admin = async (org: "a" | "b" = "a") => w.svc(await w.actor(org, "ADMIN"));
const resetDomains = async (org: "a" | "b") => setDomains(org, []);
/** Sets the list directly (as if its admins' addresses had changed since): the service refuses locking them out. */
const setDomains = async (org: "a" | "b", allowedEmailDomains: string[]) =>
  w.t.db.organization.update({ where: { id: w.orgs[org] }, data: { allowedEmailDomains } });

describe("reading the settings", () => {
  it("shows an admin their organization's settings with the schema's defaults and the plan", async () => {
    expect(await getOrgSettings(await admin())).toEqual({
      id: w.orgs.a,
      slug: "alpha",
      plan: "FREE",
      name: "Alpha School",
      timeZone: "UTC",
      gradeDisplay: "PERCENT",
      allowedEmailDomains: [],
      retentionActivityDays: 365,
      retentionAuditDays: 730,
      retentionAgentIoDays: 90,
      aiDailyTokenBudget: null,
      aiGenerateRoles: ["ADMIN", "TEACHER"],
      erasureGraceDays: 30,
    });
  });

  it("shows each admin only their own organization", async () => {
    expect((await getOrgSettings(await admin("b"))).name).toBe("Beta Academy");
  });

  it("refuses a teacher", async () => {
    const error = await domainErrorOf(getOrgSettings(w.svc(await w.actor("a", "TEACHER"))));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("changing the settings", () => {
  it("changes only the fields sent and returns the new settings", async () => {
    const next = await updateOrgSettings(await admin(), {
      timeZone: "America/Chicago",
      gradeDisplay: "LETTER",
      retentionAuditDays: null,
      aiDailyTokenBudget: 50_000,
      aiGenerateRoles: ["ADMIN"],
    });
    expect(next).toMatchObject({
      name: "Alpha School",
      timeZone: "America/Chicago",
      gradeDisplay: "LETTER",
      retentionActivityDays: 365,
      retentionAuditDays: null,
      aiDailyTokenBudget: 50_000,
      aiGenerateRoles: ["ADMIN"],
    });
    expect(await getOrgSettings(await admin())).toEqual(next);
  });

  it("audits the change with each changed field's old and new value", async () => {
    const actor = await w.actor("a", "ADMIN");
    await updateOrgSettings(w.svc(actor), { name: "Alpha School District", erasureGraceDays: 14 });
    const row = await w.t.db.auditLog.findFirstOrThrow({
      where: { organizationId: w.orgs.a, action: "organization.settings_updated" },
      orderBy: { createdAt: "desc" },
    });
    expect(row).toMatchObject({ actorId: actor.userId, targetType: "Organization", targetId: w.orgs.a });
    expect(row.metadata).toMatchObject({
      changed: ["name", "erasureGraceDays"],
      changes: { name: { from: "Alpha School", to: "Alpha School District" }, erasureGraceDays: { from: 30, to: 14 } },
    });
  });

  it("writes no audit row when nothing changes", async () => {
    const current = await getOrgSettings(await admin());
    const before = await w.t.db.auditLog.count({ where: { action: "organization.settings_updated" } });
    await updateOrgSettings(await admin(), { name: current.name, timeZone: current.timeZone });
    expect(await w.t.db.auditLog.count({ where: { action: "organization.settings_updated" } })).toBe(before);
  });

  it("leaves the other organization's settings alone", async () => {
    await updateOrgSettings(await admin("a"), { timeZone: "Europe/Paris" });
    expect((await getOrgSettings(await admin("b"))).timeZone).toBe("UTC");
  });
});

describe("allowed email domains", () => {
  it("admits any address while the list is empty, and only the listed domains otherwise", () => {
    expect(isAllowedEmail([], "anyone@anywhere.org")).toBe(true);
    expect(isAllowedEmail(["a.test"], "Ann@A.TEST")).toBe(true);
    expect(isAllowedEmail(["a.test"], "ann@b.test")).toBe(false);
    // A subdomain is a different domain.
    expect(isAllowedEmail(["a.test"], "ann@mail.a.test")).toBe(false);
  });

  it("refuses to create an account outside the domains, with the message on the email field", async () => {
    await updateOrgSettings(await admin(), { allowedEmailDomains: ["a.test"] });
    try {
      const error = await domainErrorOf(
        createUser(await admin(), { name: "Outsider", email: "out@gmail.com", role: "STUDENT" }),
      );
      expect(error.code).toBe("INVALID");
      expect(error.fieldErrors.email?.[0]).toBe(
        "Your school only allows addresses ending in @a.test. Use an address at that domain.",
      );
      expect(await w.t.db.user.count({ where: { email: "out@gmail.com" } })).toBe(0);
      const { user } = await createUser(await admin(), { name: "Insider", email: "in@a.test", role: "STUDENT" });
      expect(user.email).toBe("in@a.test");
    } finally {
      await resetDomains("a");
    }
  });

  it("refuses to change an address to one outside the domains, but lets a name change pass", async () => {
    const person = await w.newActor("a", "STUDENT");
    await setDomains("a", ["school.edu"]);
    try {
      // The old address predates the rule: renaming keeps it.
      const renamed = await updateUser(await admin(), { userId: person.userId, name: "Renamed", email: person.email });
      expect(renamed.name).toBe("Renamed");
      const error = await domainErrorOf(
        updateUser(await admin(), { userId: person.userId, name: "Renamed", email: "renamed@elsewhere.org" }),
      );
      expect(error.fieldErrors.email).toHaveLength(1);
    } finally {
      await resetDomains("a");
    }
  });

  it("refuses sign-in for an address outside the domains and records why", async () => {
    await setDomains("b", ["beta.edu"]);
    try {
      expect(await authenticate({ db: w.t.db }, { email: w.users.b.TEACHER.email, password: PASSWORD })).toBeNull();
      const failed = await w.t.db.auditLog.findFirstOrThrow({
        where: { action: "auth.sign_in_failed", targetId: w.users.b.TEACHER.id },
      });
      expect(failed.metadata).toMatchObject({ reason: "email_domain_not_allowed" });
      // Organization a has no list: its people sign in as before.
      expect(await authenticate({ db: w.t.db }, { email: w.users.a.TEACHER.email, password: PASSWORD })).not.toBeNull();
    } finally {
      await resetDomains("b");
    }
    expect(await authenticate({ db: w.t.db }, { email: w.users.b.TEACHER.email, password: PASSWORD })).not.toBeNull();
  });

  it("lists every allowed domain in the refusal when there are several", async () => {
    const error = await domainErrorOf(assertAllowedEmail({ allowedEmailDomains: ["a.edu", "b.edu"] }, "x@c.edu"));
    expect(error.message).toBe(
      "Your school only allows addresses ending in @a.edu, @b.edu. Use an address at one of those domains.",
    );
  });
});

describe("allowed email domains that would lock admins out", () => {
  /** Moves a person to another address (as if it had changed since the list was set). */
  const setEmail = (userId: string, email: string) => w.t.db.user.update({ where: { id: userId }, data: { email } });
  const retire = (userId: string) => w.t.db.user.update({ where: { id: userId }, data: { deletedAt: new Date() } });

  it("refuses a list that leaves out active admins' addresses, naming how many and which", async () => {
    const other = await w.newActor("b", "ADMIN");
    try {
      const before = await w.t.db.auditLog.count({ where: { action: "organization.settings_updated" } });
      const error = await domainErrorOf(updateOrgSettings(await admin("b"), { allowedEmailDomains: ["beta.edu"] }));
      expect(error.code).toBe("INVALID");
      expect(error.fieldErrors.allowedEmailDomains?.[0]).toBe(
        `2 admins could no longer sign in with these domains (${["admin@b.test", other.email].sort().join(", ")}). Add their domains or change those addresses first.`,
      );
      expect((await getOrgSettings(await admin("b"))).allowedEmailDomains).toEqual([]);
      expect(await w.t.db.auditLog.count({ where: { action: "organization.settings_updated" } })).toBe(before);
    } finally {
      await retire(other.userId);
    }
  });

  it("refuses leaving out the acting admin's own address even when the other admin's is listed", async () => {
    const other = await w.newActor("b", "ADMIN");
    await setEmail(w.users.b.ADMIN.id, "admin@beta.edu");
    try {
      const error = await domainErrorOf(updateOrgSettings(w.svc(other), { allowedEmailDomains: ["beta.edu"] }));
      expect(error.fieldErrors.allowedEmailDomains?.[0]).toBe(
        `1 admin could no longer sign in with these domains (${other.email}). Add their domain or change that address first.`,
      );
    } finally {
      await setEmail(w.users.b.ADMIN.id, w.users.b.ADMIN.email);
      await retire(other.userId);
    }
  });

  it("ignores deactivated and deleted admins and people in other roles, and always allows an empty list", async () => {
    const gone = await w.newActor("b", "ADMIN");
    const away = await w.newActor("b", "ADMIN");
    await setEmail(gone.userId, "gone@elsewhere.org");
    await retire(gone.userId);
    await setEmail(away.userId, "away@elsewhere.org");
    await w.t.db.user.update({ where: { id: away.userId }, data: { active: false } });
    await setEmail(w.users.b.TEACHER.id, "teacher@elsewhere.org");
    try {
      const saved = await updateOrgSettings(await admin("b"), { allowedEmailDomains: ["b.test"] });
      expect(saved.allowedEmailDomains).toEqual(["b.test"]);
      expect((await updateOrgSettings(await admin("b"), { allowedEmailDomains: [] })).allowedEmailDomains).toEqual([]);
    } finally {
      await setEmail(w.users.b.TEACHER.id, w.users.b.TEACHER.email);
      await resetDomains("b");
    }
  });
});
