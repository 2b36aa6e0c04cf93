import { API_SCOPES, apiScopesFor } from "@toolboxai/validators";
import { describe, expect, it } from "vitest";
import { SCOPE_GROUPS, scopeGroupsFor } from "./scope-catalog";

const offered = (role: Parameters<typeof scopeGroupsFor>[0]) =>
  scopeGroupsFor(role).flatMap((g) => g.scopes.map((s) => s.scope));

describe("the scope picker's catalog", () => {
  it("describes every API scope exactly once", () => {
    const described = SCOPE_GROUPS.flatMap((g) => g.scopes.map((s) => s.scope));
    expect([...described].sort()).toEqual([...API_SCOPES].sort());
  });

  it("offers an admin every scope", () => {
    expect(offered("ADMIN").sort()).toEqual([...API_SCOPES].sort());
  });

  it("offers a teacher exactly the scopes a teacher's key may hold, without admin", () => {
    expect(offered("TEACHER").sort()).toEqual([...apiScopesFor("TEACHER")].sort());
    expect(offered("TEACHER")).not.toContain("admin");
  });

  it("leaves out a group with nothing left to pick", () => {
    expect(scopeGroupsFor("STUDENT")).toEqual([]);
  });
});
