// Checks what the readers found against the organization and plans every write: which rows create,
// update, leave unchanged or remove what, and every row's problem. A dry run stops here; a real
// run writes the plan (apply.ts). Rows with a problem are skipped, and so are the rows that refer
// to them (an enrollment of a person whose row was skipped), each with its own problem.
//
// What an import never does, because the Users and Data protection pages guard it:
// - touch a person whose erasure is pending: their rows are refused (no reactivation, no new
//   enrollments or parent links), and rows that refer to them are skipped;
// - change a role to or from ADMIN, deactivate an admin or change an admin's email (a reset link
//   would go to the new address);
// - give a new ADMIN account the password from the file: like a row without one, the account has
//   no usable password until a set-password link is used. This is silent (no problem is reported:
//   the row itself is fine and is created).
import type { Role } from "@toolboxai/db";
import { IMPORT_KINDS, type ImportCounts, type ImportProblem, type ImportSummary } from "@toolboxai/validators";
import { isAllowedEmail } from "../organization/settings";
import type { ClassIn, ImportInput, SchoolIn, Source, UserIn } from "./model";
import type { ExistingClass, ExistingUser, OrgState } from "./state";

export type Action = "create" | "update" | "unchanged" | "remove";

/** A person the plan refers to: an existing account's id, or the key of a row that creates one. */
export type UserRef = { id: string } | { key: string };
/** A school or class the plan refers to: an existing row's id, or the sourcedId of one the plan creates. */
export type Ref = { id: string } | { sourcedId: string };

export interface SchoolOp {
  action: Action;
  src: Source;
  existingId: string | null;
  row: SchoolIn;
}

export interface UserOp {
  action: Action;
  src: Source;
  existing: ExistingUser | null;
  row: UserIn;
  /** What an update changes. */
  changes: Partial<Pick<ExistingUser, "name" | "email" | "role" | "active" | "sourcedId">>;
}

export interface ClassOp {
  action: Action;
  src: Source;
  existing: ExistingClass | null;
  row: ClassIn;
  teacher: UserRef | null;
  school: Ref | null;
  changes: { name?: string; subject?: string; gradeLevel?: string; school?: Ref | null; teacher?: UserRef };
}

export interface LinkOp {
  action: "create" | "remove";
  src: Source;
  /** Enrollment: the class and the student; parent link: the parent and the student. */
  a: Ref | UserRef;
  b: UserRef;
}

export interface ImportPlan {
  schools: SchoolOp[];
  users: UserOp[];
  classes: ClassOp[];
  enrollments: LinkOp[];
  parentLinks: LinkOp[];
  summary: ImportSummary;
  problems: ImportProblem[];
}

function zeroCounts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0, removed: 0, skipped: 0 };
}

export function emptySummary(): ImportSummary {
  return Object.fromEntries(IMPORT_KINDS.map((k) => [k, zeroCounts()])) as ImportSummary;
}

const COUNT_OF: Record<Action, keyof ImportCounts> = {
  create: "created",
  update: "updated",
  unchanged: "unchanged",
  remove: "removed",
};

export function countAction(counts: ImportCounts, action: Action) {
  counts[COUNT_OF[action]] += 1;
}

const ERASURE_PENDING = "This person's erasure is pending; undo it on the Data protection page first.";

const ROLE_WORD: Record<Role, string> = {
  ADMIN: "an admin",
  TEACHER: "a teacher",
  STUDENT: "a student",
  PARENT: "a parent",
};

interface Resolved {
  ref: UserRef;
  role: Role;
  name: string;
}

export function planImport(input: ImportInput, state: OrgState): ImportPlan {
  const problems = [...input.problems];
  const summary = emptySummary();
  for (const kind of IMPORT_KINDS) summary[kind].skipped += input.skipped[kind];
  const problem = (src: Source, field: string | null, message: string) =>
    problems.push({ file: src.file, row: src.row, field, message });
  const byKey = input.format === "oneroster" ? "sourcedId" : "email";

  // People first: everything else refers to them.
  const users: UserOp[] = [];
  const planned = new Map<string, Resolved>();
  const rejectedUsers = new Set(input.rejected.users);
  const emailRows = new Map<string, number>();
  for (const row of input.users) {
    const op = planUser(row, state, emailRows, input.format, (field, message) => problem(row, field, message));
    if (!op) {
      summary.users.skipped += 1;
      rejectedUsers.add(row.key);
      continue;
    }
    if (op.action === "unchanged" && row.remove && !op.existing) {
      // Deleting someone the organization never had: nothing to do.
      summary.users.unchanged += 1;
      continue;
    }
    users.push(op);
    countAction(summary.users, op.action);
    const role = op.changes.role ?? op.existing?.role ?? row.role;
    planned.set(row.key, {
      ref: op.existing ? { id: op.existing.id } : { key: row.key },
      role,
      name: op.changes.name ?? op.existing?.name ?? row.name,
    });
  }
  const person = (key: string): Resolved | "rejected" | null => {
    const p = planned.get(key);
    if (p) return p;
    if (rejectedUsers.has(key)) return "rejected";
    const existing = input.format === "oneroster" ? state.usersBySourcedId.get(key) : state.usersByEmail.get(key);
    if (existing && !existing.deleted)
      return state.erasurePending.has(existing.id)
        ? "rejected"
        : { ref: { id: existing.id }, role: existing.role, name: existing.name };
    return null;
  };
  const personProblem = (key: string, what: string) =>
    person(key) !== "rejected"
      ? `Unknown ${what} "${key}": no row in users.csv and no person with that ${byKey}`
      : rejectedUsers.has(key)
        ? `The ${what} "${key}" is skipped (see their row's problem)`
        : `The ${what} "${key}" is skipped: ${ERASURE_PENDING}`;

  // Schools.
  const schools: SchoolOp[] = [];
  const plannedSchools = new Set<string>();
  for (const row of input.schools) {
    const existing = state.schoolsBySourcedId.get(row.sourcedId) ?? null;
    let action: Action;
    if (row.remove) action = existing ? "remove" : "unchanged";
    else action = !existing ? "create" : existing.name === row.name ? "unchanged" : "update";
    countAction(summary.schools, action);
    if (!row.remove) plannedSchools.add(row.sourcedId);
    if (action !== "unchanged") schools.push({ action, src: row, existingId: existing?.id ?? null, row });
  }
  const removedSchools = new Set(input.schools.filter((s) => s.remove).map((s) => s.sourcedId));
  const schoolRef = (sourcedId: string): Ref | null => {
    if (removedSchools.has(sourcedId)) return null;
    const existing = state.schoolsBySourcedId.get(sourcedId);
    if (plannedSchools.has(sourcedId)) return existing ? { id: existing.id } : { sourcedId };
    return existing ? { id: existing.id } : null;
  };

  // Each class's teacher: the first primary teacher enrollment, else the first teacher enrollment.
  const fileClasses = new Set(input.classes.map((c) => c.sourcedId));
  const teachers = new Map<string, { key: string; primary: boolean }>();
  const classExists = (ref: string) =>
    fileClasses.has(ref) || input.rejected.classes.has(ref) || state.classesBySourcedId.has(ref);
  for (const e of input.enrollments) {
    if (e.role !== "teacher") continue;
    if (e.remove) {
      summary.enrollments.skipped += 1;
      continue;
    }
    if (!classExists(e.classRef)) {
      problem(e, e.classField, `Unknown class "${e.classRef}": no row in classes.csv and no class with that sourcedId`);
      summary.enrollments.skipped += 1;
      continue;
    }
    const p = person(e.userKey);
    if (p === null || p === "rejected") {
      problem(e, e.userField, personProblem(e.userKey, "teacher"));
      summary.enrollments.skipped += 1;
      continue;
    }
    if (p.role !== "TEACHER" && p.role !== "ADMIN") {
      problem(e, e.userField, `${p.name} is ${ROLE_WORD[p.role]}, not a teacher`);
      summary.enrollments.skipped += 1;
      continue;
    }
    const current = teachers.get(e.classRef);
    if (!current || (e.primary && !current.primary)) teachers.set(e.classRef, { key: e.userKey, primary: e.primary });
    // Co-teachers: a class has one teacher, the others' enrollments are skipped.
    if (current) summary.enrollments.skipped += 1;
  }

  // Classes.
  const classes: ClassOp[] = [];
  const rejectedClasses = new Set(input.rejected.classes);
  const plannedClasses = new Map<string, Ref>();
  for (const row of input.classes) {
    const existing = state.classesBySourcedId.get(row.sourcedId) ?? null;
    if (row.remove) {
      const action: Action = existing && !existing.archived ? "remove" : "unchanged";
      countAction(summary.classes, action);
      if (action === "remove")
        classes.push({ action, src: row, existing, row, teacher: null, school: null, changes: {} });
      continue;
    }
    const found: [string, string][] = [];
    let school: Ref | null = null;
    if (row.schoolSourcedId) {
      school = schoolRef(row.schoolSourcedId);
      if (!school)
        found.push([
          "schoolSourcedId",
          input.rejected.schools.has(row.schoolSourcedId)
            ? `The school "${row.schoolSourcedId}" is skipped (see its row's problem)`
            : removedSchools.has(row.schoolSourcedId)
              ? `The school "${row.schoolSourcedId}" is being deleted`
              : `Unknown school "${row.schoolSourcedId}": no school row in orgs.csv and no school with that sourcedId`,
        ]);
    }
    const pick = teachers.get(row.sourcedId);
    const teacher = pick ? (person(pick.key) as Resolved).ref : null;
    if (!teacher && !existing)
      found.push(["sourcedId", "The class has no teacher: give it a teacher enrollment in enrollments.csv"]);
    if (row.gradeLevel === null && !existing)
      found.push(["grades", "Missing grades: a class needs a grade (KG, 01 to 12 or 13)"]);
    if (found.length > 0) {
      for (const [field, message] of found) problem(row, field, message);
      summary.classes.skipped += 1;
      rejectedClasses.add(row.sourcedId);
      continue;
    }
    const changes: ClassOp["changes"] = {};
    if (!existing || existing.name !== row.name) changes.name = row.name;
    if (!existing || existing.subject !== row.subject) changes.subject = row.subject;
    if (row.gradeLevel !== null && (!existing || existing.gradeLevel !== row.gradeLevel))
      changes.gradeLevel = row.gradeLevel;
    if (existing ? !sameRef(school, existing.schoolId) : school !== null) changes.school = school;
    if (teacher && (!existing || !("id" in teacher) || teacher.id !== existing.teacherId)) changes.teacher = teacher;
    const action: Action = !existing ? "create" : Object.keys(changes).length > 0 ? "update" : "unchanged";
    countAction(summary.classes, action);
    plannedClasses.set(row.sourcedId, existing ? { id: existing.id } : { sourcedId: row.sourcedId });
    if (action !== "unchanged") classes.push({ action, src: row, existing, row, teacher, school, changes });
  }
  const classRef = (ref: string, by: "sourcedId" | "name"): Ref | string => {
    if (by === "name") {
      const matches = state.openClassesByName.get(ref.toLowerCase()) ?? [];
      if (matches.length === 1) return { id: (matches[0] as ExistingClass).id };
      return matches.length === 0
        ? `Unknown class "${ref}": no open class has that name`
        : `${matches.length} open classes are named "${ref}": enroll these students on the class page`;
    }
    const planned = plannedClasses.get(ref);
    if (planned) return planned;
    if (rejectedClasses.has(ref)) return `The class "${ref}" is skipped (see its row's problem)`;
    const existing = state.classesBySourcedId.get(ref);
    if (existing && !existing.archived) return { id: existing.id };
    if (existing) return `The class "${ref}" is archived`;
    return `Unknown class "${ref}": no row in classes.csv and no class with that sourcedId`;
  };

  // Student enrollments.
  const enrollments: LinkOp[] = [];
  const seenEnrollments = new Set<string>();
  for (const e of input.enrollments) {
    if (e.role !== "student") continue;
    const cls = classRef(e.classRef, e.classBy);
    if (typeof cls === "string") {
      problem(e, e.classField, cls);
      summary.enrollments.skipped += 1;
      continue;
    }
    const p = person(e.userKey);
    if (p === null || p === "rejected") {
      problem(e, e.userField, personProblem(e.userKey, "student"));
      summary.enrollments.skipped += 1;
      continue;
    }
    if (p.role !== "STUDENT") {
      problem(e, e.userField, `${p.name} is ${ROLE_WORD[p.role]}, not a student`);
      summary.enrollments.skipped += 1;
      continue;
    }
    const pair = `${refKey(cls)}:${refKey(p.ref)}`;
    const exists = "id" in cls && "id" in p.ref && state.enrollments.has(`${cls.id}:${p.ref.id}`);
    if (seenEnrollments.has(pair) || (e.remove ? !exists : exists)) {
      summary.enrollments.unchanged += 1;
      continue;
    }
    seenEnrollments.add(pair);
    const action = e.remove ? "remove" : "create";
    countAction(summary.enrollments, action);
    enrollments.push({ action, src: e, a: cls, b: p.ref });
  }

  // Parent links (a student's row and their parent's may both name the pair: it is one link).
  const parentLinks: LinkOp[] = [];
  const seenLinks = new Set<string>();
  for (const link of input.parentLinks) {
    const otherKey = link.from === "student" ? link.parentKey : link.studentKey;
    const other = person(otherKey);
    const self = person(link.from === "student" ? link.studentKey : link.parentKey);
    if (self === null || self === "rejected") continue;
    if (other === null || other === "rejected") {
      problem(link, link.field, personProblem(otherKey, link.from === "student" ? "parent" : "student"));
      summary.parentLinks.skipped += 1;
      continue;
    }
    const parent = link.from === "student" ? other : self;
    const student = link.from === "student" ? self : other;
    if (parent.role !== "PARENT" || student.role !== "STUDENT") {
      problem(
        link,
        link.field,
        link.from === "student"
          ? `${other.name} is ${ROLE_WORD[other.role]}, not a parent or guardian`
          : `${other.name} is ${ROLE_WORD[other.role]}, not a student`,
      );
      summary.parentLinks.skipped += 1;
      continue;
    }
    const pair = `${refKey(parent.ref)}:${refKey(student.ref)}`;
    if (seenLinks.has(pair)) continue;
    seenLinks.add(pair);
    if ("id" in parent.ref && "id" in student.ref && state.parentLinks.has(`${parent.ref.id}:${student.ref.id}`)) {
      summary.parentLinks.unchanged += 1;
      continue;
    }
    summary.parentLinks.created += 1;
    parentLinks.push({ action: "create", src: link, a: parent.ref, b: student.ref });
  }

  return { schools, users, classes, enrollments, parentLinks, summary, problems: sortProblems(problems) };
}

function sameRef(ref: Ref | null, id: string | null): boolean {
  if (ref === null) return id === null;
  return "id" in ref && ref.id === id;
}

function refKey(ref: Ref | UserRef): string {
  return "id" in ref ? `id:${ref.id}` : "key" in ref ? `key:${ref.key}` : `sourced:${ref.sourcedId}`;
}

const FILE_ORDER = ["orgs.csv", "users.csv", "classes.csv", "enrollments.csv"];

/** Problems in the order of the files and their rows (a file's own problems, row 1, first). */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  const order = (file: string) => {
    const i = FILE_ORDER.indexOf(file);
    return i === -1 ? FILE_ORDER.length : i;
  };
  return [...problems].sort((x, y) => order(x.file) - order(y.file) || x.row - y.row);
}

function planUser(
  row: UserIn,
  state: OrgState,
  emailRows: Map<string, number>,
  format: ImportInput["format"],
  problem: (field: string | null, message: string) => void,
): UserOp | null {
  const bySourced = row.sourcedId ? (state.usersBySourcedId.get(row.sourcedId) ?? null) : null;
  if (bySourced?.deleted) {
    problem("sourcedId", `The person with sourcedId "${row.sourcedId}" was deleted from the platform`);
    return null;
  }
  const erasing = (existing: ExistingUser) => {
    if (!state.erasurePending.has(existing.id)) return false;
    problem(format === "oneroster" ? "sourcedId" : "email", ERASURE_PENDING);
    return true;
  };
  if (row.remove) {
    const existing = bySourced;
    if (existing && erasing(existing)) return null;
    if (existing && (existing.role === "ADMIN" || existing.id === state.actorId)) {
      problem("status", `${existing.name} is an admin: deactivate admins on the Users page, not by an import`);
      return null;
    }
    const action: Action = existing?.active ? "remove" : "unchanged";
    return { action, src: row, existing, row, changes: action === "remove" ? { active: false } : {} };
  }
  const firstRow = emailRows.get(row.email);
  if (firstRow !== undefined) {
    problem("email", `The email ${row.email} is also on row ${firstRow}: each person needs their own`);
    return null;
  }
  emailRows.set(row.email, row.row);
  if (!isAllowedEmail(state.allowedEmailDomains, row.email)) {
    problem(
      "email",
      `${row.email} is outside your organization's allowed email domains (${state.allowedEmailDomains.join(", ")})`,
    );
    return null;
  }
  const byEmail = state.usersByEmail.get(row.email) ?? null;
  let existing: ExistingUser | null;
  if (format === "csv") existing = byEmail;
  else if (bySourced) {
    if (byEmail && byEmail.id !== bySourced.id) {
      problem("email", `${row.email} is used by another person (${byEmail.name})`);
      return null;
    }
    existing = bySourced;
  } else if (byEmail?.sourcedId) {
    problem("email", `${row.email} is used by another person (${byEmail.name}, sourcedId "${byEmail.sourcedId}")`);
    return null;
  } else existing = byEmail; // An account made by hand: the import takes it over, keyed from now on.
  if (!existing) {
    // A new admin never gets the file's password (see the header).
    const created = row.role === "ADMIN" && row.password !== null ? { ...row, password: null } : row;
    return { action: "create", src: row, existing: null, row: created, changes: {} };
  }
  if (erasing(existing)) return null;
  const guarded = existing.role === "ADMIN" || existing.id === state.actorId;

  const changes: UserOp["changes"] = {};
  if (row.sourcedId && existing.sourcedId !== row.sourcedId) changes.sourcedId = row.sourcedId;
  if (existing.name !== row.name) changes.name = row.name;
  if (existing.email.toLowerCase() !== row.email) {
    if (guarded) {
      problem("email", `${existing.name} is an admin: change an admin's email on the Users page, not by an import`);
      return null;
    }
    changes.email = row.email;
  }
  if (existing.role !== row.role) {
    if (existing.role === "ADMIN" || row.role === "ADMIN") {
      problem(
        "role",
        `${existing.name} is ${ROLE_WORD[existing.role]} and the file says ${ROLE_WORD[row.role]}: an import doesn't change admin roles. Change admin roles on the Users page.`,
      );
      return null;
    }
    if (format === "csv") {
      problem("role", `${existing.name} is already ${ROLE_WORD[existing.role]}: change roles on the Users page`);
      return null;
    }
    changes.role = row.role;
  }
  if (format === "oneroster" && existing.active !== row.active) changes.active = row.active;
  if (guarded && (changes.role !== undefined || changes.active !== undefined)) {
    problem(
      changes.role !== undefined ? "role" : "enabledUser",
      `${existing.name} is an admin: change, deactivate or reactivate admins on the Users page, not by an import`,
    );
    return null;
  }
  return { action: Object.keys(changes).length > 0 ? "update" : "unchanged", src: row, existing, row, changes };
}
