// A person signed in with an admin's temporary password may only read who they are and choose a
// new password, over tRPC and REST alike; once they have, everything works again.
import { loadActor } from "@toolboxai/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, errorOf, type World } from "../testing";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.t.close());

/** A fresh student whose admin just set a temporary password, as the actor their session loads. */
async function withTemporaryPassword() {
  const admin = w.caller(await w.actor("a", "ADMIN"));
  const student = await w.newActor("a", "STUDENT");
  const { temporaryPassword } = await admin.users.setTemporaryPassword({ userId: student.userId });
  const actor = await loadActor(w.t.db, student.userId);
  if (!actor || !temporaryPassword) throw new Error("the student should still be signed in-able");
  return { actor, temporaryPassword };
}

describe("a person holding a temporary password", () => {
  it("is refused every other procedure with a message that says what to do", async () => {
    const { actor } = await withTemporaryPassword();
    const error = await errorOf(w.caller(actor).classes.list({}));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Choose a new password first: you signed in with a temporary password.");
  });

  it("can still read their own profile", async () => {
    const { actor } = await withTemporaryPassword();
    const me = await w.caller(actor).me.get();
    expect(me.email).toBe(actor.email);
  });

  it("can use everything again after choosing a new password", async () => {
    const { actor, temporaryPassword } = await withTemporaryPassword();
    await w.caller(actor).me.changePassword({
      currentPassword: temporaryPassword,
      newPassword: "my-own-secret-77",
      confirmPassword: "my-own-secret-77",
    });
    const reloaded = await loadActor(w.t.db, actor.userId);
    if (!reloaded) throw new Error("the student should still be active");
    expect(reloaded.mustChangePassword).toBeUndefined();
    await expect(w.caller(reloaded).classes.list({})).resolves.toBeDefined();
  });
});
