// What the organization already holds that an import matches against: its people, schools and
// classes (by sourcedId, email or name), enrollments and parent links, its allowed domains, and who
// is being erased (their rows are refused: an import must not reactivate or enroll them).
import type { Role } from "@toolboxai/db";
import type { ServiceContext } from "../context";

export interface ExistingUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  sourcedId: string | null;
  deleted: boolean;
}

export interface ExistingClass {
  id: string;
  name: string;
  subject: string;
  gradeLevel: string;
  sourcedId: string | null;
  schoolId: string | null;
  teacherId: string;
  archived: boolean;
}

export interface OrgState {
  actorId: string;
  allowedEmailDomains: string[];
  usersBySourcedId: Map<string, ExistingUser>;
  /** Live accounts by (lower-cased) email. */
  usersByEmail: Map<string, ExistingUser>;
  usersById: Map<string, ExistingUser>;
  schoolsBySourcedId: Map<string, { id: string; name: string }>;
  classesBySourcedId: Map<string, ExistingClass>;
  /** Open (not archived) classes by lower-cased name: the simple CSV enrolls by name. */
  openClassesByName: Map<string, ExistingClass[]>;
  /** `classId:studentId` */
  enrollments: Set<string>;
  /** `parentId:studentId` */
  parentLinks: Set<string>;
  /** Ids of the people with a PENDING erasure request (deactivated, in their grace period). */
  erasurePending: Set<string>;
}

export async function loadOrgState(ctx: ServiceContext): Promise<OrgState> {
  const [org, users, schools, classes, enrollments, links, erasures] = await Promise.all([
    ctx.db.organization.findUnique({ where: { id: ctx.actor.orgId }, select: { allowedEmailDomains: true } }),
    ctx.db.user.findMany({
      select: { id: true, email: true, name: true, role: true, active: true, sourcedId: true, deletedAt: true },
    }),
    ctx.db.school.findMany({ select: { id: true, sourcedId: true, name: true } }),
    ctx.db.class.findMany({
      select: {
        id: true,
        name: true,
        subject: true,
        gradeLevel: true,
        sourcedId: true,
        schoolId: true,
        teacherId: true,
        archivedAt: true,
      },
    }),
    ctx.db.enrollment.findMany({ select: { classId: true, studentId: true } }),
    ctx.db.parentStudentLink.findMany({ select: { parentId: true, studentId: true } }),
    ctx.db.erasureRequest.findMany({ where: { status: "PENDING" }, select: { subjectId: true } }),
  ]);
  const state: OrgState = {
    actorId: ctx.actor.userId,
    allowedEmailDomains: org?.allowedEmailDomains ?? [],
    usersBySourcedId: new Map(),
    usersByEmail: new Map(),
    usersById: new Map(),
    schoolsBySourcedId: new Map(),
    classesBySourcedId: new Map(),
    openClassesByName: new Map(),
    enrollments: new Set(enrollments.map((e) => `${e.classId}:${e.studentId}`)),
    parentLinks: new Set(links.map((l) => `${l.parentId}:${l.studentId}`)),
    erasurePending: new Set(erasures.map((e) => e.subjectId)),
  };
  for (const u of users) {
    const user: ExistingUser = { ...u, deleted: u.deletedAt !== null };
    if (u.sourcedId) state.usersBySourcedId.set(u.sourcedId, user);
    if (!user.deleted) {
      state.usersByEmail.set(u.email.toLowerCase(), user);
      state.usersById.set(u.id, user);
    }
  }
  for (const s of schools) if (s.sourcedId) state.schoolsBySourcedId.set(s.sourcedId, { id: s.id, name: s.name });
  for (const c of classes) {
    const cls: ExistingClass = { ...c, archived: c.archivedAt !== null };
    if (c.sourcedId) state.classesBySourcedId.set(c.sourcedId, cls);
    if (!cls.archived) {
      const key = c.name.trim().toLowerCase();
      state.openClassesByName.set(key, [...(state.openClassesByName.get(key) ?? []), cls]);
    }
  }
  return state;
}
