// A reset link stops working when the account changes in a way it must not outlive: a new email,
// a new password, deactivation (reactivating does not revive it). And two requests at the same
// moment leave one live link.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogMailer, type MailSettings } from "../mail/mailer";
import { changePassword } from "../me/me";
import { createDomainWorld, type DomainWorld, PASSWORD } from "../testing";
import { createPasswordResetLink, setUserActive, updateUser } from "../users/users";
import { requestPasswordReset, resetTokenStatus } from "./password-reset";

let w: DomainWorld;
beforeAll(async () => {
  w = await createDomainWorld();
});
afterAll(async () => {
  await w.t.close();
});

const logOnly: MailSettings = { mailer: createLogMailer({ warn: () => {} }), appUrl: "https://school.test" };
const admin = async () => w.svc(await w.actor("a", "ADMIN"));
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;

async function linkFor(userId: string) {
  const { url } = await createPasswordResetLink(await admin(), { userId }, { mail: logOnly });
  return tokenOf(url);
}
const status = (token: string) => resetTokenStatus({ db: w.t.db }, { token });

describe("a reset link", () => {
  it("stops working when an admin changes the person's email", async () => {
    const person = await w.newActor("a", "STUDENT");
    const token = await linkFor(person.userId);
    await updateUser(await admin(), {
      userId: person.userId,
      name: person.name,
      email: `moved-${person.userId}@a.test`,
    });
    expect(await status(token)).toEqual({ valid: false, reason: "used" });
  });

  it("keeps working when an admin changes only the name", async () => {
    const person = await w.newActor("a", "STUDENT");
    const token = await linkFor(person.userId);
    await updateUser(await admin(), { userId: person.userId, name: "Only The Name", email: person.email });
    expect(await status(token)).toMatchObject({ valid: true });
  });

  it("stops working when the person changes their password", async () => {
    const person = await w.newActor("a", "TEACHER");
    const token = await linkFor(person.userId);
    await changePassword(w.svc(person), {
      currentPassword: PASSWORD,
      newPassword: "brand-new-pass-42",
      confirmPassword: "brand-new-pass-42",
    });
    expect(await status(token)).toEqual({ valid: false, reason: "used" });
  });

  it("is not revived by deactivating and reactivating the person", async () => {
    const person = await w.newActor("a", "STUDENT");
    const token = await linkFor(person.userId);
    await setUserActive(await admin(), { userId: person.userId, active: false });
    await setUserActive(await admin(), { userId: person.userId, active: true });
    expect(await status(token)).toEqual({ valid: false, reason: "used" });
  });
});

describe("two forgot-password requests at the same moment", () => {
  it("leave exactly one live link", async () => {
    const person = await w.newActor("a", "STUDENT");
    const deliveries: Promise<void>[] = [];
    const deps = { db: w.t.db, mail: logOnly, onDelivery: (d: Promise<void>) => void deliveries.push(d) };
    await Promise.all([
      requestPasswordReset(deps, { email: person.email }),
      requestPasswordReset(deps, { email: person.email }),
      requestPasswordReset(deps, { email: person.email }),
    ]);
    await Promise.all(deliveries);
    expect(await w.t.db.passwordResetToken.count({ where: { userId: person.userId, usedAt: null } })).toBe(1);
  });
});
