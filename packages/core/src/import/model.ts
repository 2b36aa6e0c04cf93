// What the readers make of the files, whichever the format: people, schools, classes,
// enrollments and parent links, each with the file and line it came from. `validate.ts` checks
// them against the organization and plans the writes; `apply.ts` writes the plan.
import type { Role } from "@toolboxai/db";
import type { ImportProblem } from "@toolboxai/validators";

export interface Source {
  file: string;
  row: number;
}

export interface SchoolIn extends Source {
  sourcedId: string;
  name: string;
  remove: boolean;
}

export interface UserIn extends Source {
  /** How other rows refer to this person: the sourcedId (OneRoster) or the email (simple CSV). */
  key: string;
  sourcedId: string | null;
  name: string;
  email: string;
  role: Role;
  /** A password given in the file (new accounts only; it must be changed at first sign-in). */
  password: string | null;
  active: boolean;
  remove: boolean;
}

export interface ClassIn extends Source {
  sourcedId: string;
  name: string;
  subject: string;
  /** Null when the file gives none (an existing class keeps its own). */
  gradeLevel: string | null;
  schoolSourcedId: string | null;
  remove: boolean;
}

export interface EnrollmentIn extends Source {
  /** A class's sourcedId (OneRoster) or name (simple CSV). */
  classRef: string;
  classBy: "sourcedId" | "name";
  userKey: string;
  role: "student" | "teacher";
  primary: boolean;
  remove: boolean;
  /** The column the references came from, for problems. */
  classField: string;
  userField: string;
}

export interface ParentLinkIn extends Source {
  parentKey: string;
  studentKey: string;
  /** The row's own key, and the column that named the other person. */
  field: string;
  /** Which side of the link the row is (its key is the parent's or the student's). */
  from: "parent" | "student";
}

/** Everything the readers found, and the problems of the rows they could not read. */
export interface ImportInput {
  format: "csv" | "oneroster";
  schools: SchoolIn[];
  users: UserIn[];
  classes: ClassIn[];
  enrollments: EnrollmentIn[];
  parentLinks: ParentLinkIn[];
  /** Rows left out already: with a problem, or not handled (another org type, an aide's enrollment). */
  skipped: { schools: number; users: number; classes: number; enrollments: number; parentLinks: number };
  /** Keys of the rows left out with a problem, so references to them say so. */
  rejected: { users: Set<string>; classes: Set<string>; schools: Set<string> };
  /** Data rows in all the files (the progress bar's total). */
  rowCount: number;
  problems: ImportProblem[];
}

export function emptyInput(format: ImportInput["format"]): ImportInput {
  return {
    format,
    schools: [],
    users: [],
    classes: [],
    enrollments: [],
    parentLinks: [],
    skipped: { schools: 0, users: 0, classes: 0, enrollments: 0, parentLinks: 0 },
    rejected: { users: new Set(), classes: new Set(), schools: new Set() },
    rowCount: 0,
    problems: [],
  };
}

/** Splits a list cell: OneRoster separates with commas, the simple CSV with semicolons. */
export function listCell(value: string, separator: RegExp = /[,;]/): string[] {
  return value
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

const ROLE_NAMES: Record<string, Role> = {
  student: "STUDENT",
  teacher: "TEACHER",
  admin: "ADMIN",
  administrator: "ADMIN",
  parent: "PARENT",
  guardian: "PARENT",
  relative: "PARENT",
};

/** A role as a file spells it (`student`, `Teacher`, `administrator`, `guardian`, ...), or null. */
export function roleOf(value: string): Role | null {
  return ROLE_NAMES[value.trim().toLowerCase()] ?? null;
}
