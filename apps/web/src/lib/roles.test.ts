import type { Role as DbRole } from "@toolboxai/db";
import { roles, type Role as ValidatorRole } from "@toolboxai/validators";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ROLE_HOME } from "./role-home";

describe("roles", () => {
  it("the validators' roles are the database's roles", () => {
    expectTypeOf<ValidatorRole>().toEqualTypeOf<DbRole>();
    expect([...roles].sort()).toEqual(Object.keys(ROLE_HOME).sort());
  });
});
