import { describe, expect, it } from "vitest";
import { changePasswordSchema, createUserSchema, signInSchema, userListInputSchema } from "./index";

describe("validators", () => {
  it("normalizes emails to trimmed lower case", () => {
    expect(signInSchema.parse({ email: "  Ava@School.TEST ", password: "x" }).email).toBe("ava@school.test");
  });

  it("names the field of an invalid email", () => {
    const r = createUserSchema.safeParse({ name: "Ava", email: "not-an-email", role: "STUDENT" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["email"]);
  });

  it("accepts an empty password on create (the server generates one)", () => {
    expect(createUserSchema.parse({ name: "Ava", email: "a@b.co", role: "STUDENT", password: "" }).password).toBe("");
  });

  it("rejects weak new passwords", () => {
    const r = createUserSchema.safeParse({ name: "Ava", email: "a@b.co", role: "STUDENT", password: "short" });
    expect(r.error?.issues[0]?.message).toBe("Use at least 10 characters");
    const letters = createUserSchema.safeParse({
      name: "Ava",
      email: "a@b.co",
      role: "STUDENT",
      password: "onlyletters",
    });
    expect(letters.error?.issues[0]?.message).toBe("Mix letters with digits or symbols");
  });

  it("reports a mismatched confirmation on the confirmation field", () => {
    const r = changePasswordSchema.safeParse({
      currentPassword: "old-password-1",
      newPassword: "new-password-1",
      confirmPassword: "new-password-2",
    });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["confirmPassword"]);
  });

  it("defaults list paging to page 1 of 20 over all statuses", () => {
    expect(userListInputSchema.parse({})).toEqual({ page: 1, pageSize: 20, status: "all" });
  });

  it("caps the page size at 100", () => {
    expect(userListInputSchema.safeParse({ pageSize: 500 }).success).toBe(false);
  });
});
