import { describe, expect, it } from "vitest";
import { filterableStudents, messageCountText, tutorClosedReason } from "./tutor-model";

describe("when the tutor is closed", () => {
  it("is open for a student who needs no consent or has it", () => {
    expect(tutorClosedReason("not_required")).toBeNull();
    expect(tutorClosedReason("granted")).toBeNull();
  });

  it("tells a student without consent that a parent must allow AI features in the parent view", () => {
    const reason = tutorClosedReason("required");
    expect(reason).toContain("parent or guardian must allow AI features");
    expect(reason).toContain("parent view");
  });

  it("tells a student whose consent was withdrawn that a parent turned AI features off", () => {
    expect(tutorClosedReason("revoked")).toContain("turned AI features off");
  });
});

describe("the students a teacher can filter by", () => {
  it("lists the roster by name", () => {
    const roster = [
      { id: "s2", name: "Zoe" },
      { id: "s1", name: "Ada" },
    ];
    expect(filterableStudents(roster, []).map((s) => s.name)).toEqual(["Ada", "Zoe"]);
  });

  it("keeps a student who left the class but still has conversations, once", () => {
    const roster = [{ id: "s1", name: "Ada" }];
    const owners = [
      { id: "s9", name: "Ben" },
      { id: "s1", name: "Ada" },
      { id: "s9", name: "Ben" },
    ];
    expect(filterableStudents(roster, owners)).toEqual([
      { id: "s1", name: "Ada" },
      { id: "s9", name: "Ben" },
    ]);
  });
});

describe("message counts", () => {
  it("says one message in the singular and others in the plural", () => {
    expect(messageCountText(1)).toBe("1 message");
    expect(messageCountText(0)).toBe("0 messages");
    expect(messageCountText(12)).toBe("12 messages");
  });
});
