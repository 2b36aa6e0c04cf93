// OneRoster 1.1 CSV (the format student information systems export), as a zip of:
//   orgs.csv         sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
//                    type "school" -> a School; "district" is the organization itself; other types are skipped
//   users.csv        sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,
//                    givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
//                    role student/teacher/administrator/parent|guardian|relative -> STUDENT/TEACHER/ADMIN/PARENT;
//                    agentSourcedIds links a student to their parents (and a parent to their children)
//   classes.csv      sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,
//                    location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
//                    -> a Class in its school; its teacher comes from enrollments.csv
//   enrollments.csv  sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,
//                    primary,beginDate,endDate
//                    role student -> an enrollment; teacher -> the class's teacher (the primary one first)
// Rows are keyed by sourcedId: a re-import updates the same people and classes. `status` =
// `tobedeleted` deactivates a person, archives a class, removes an enrollment or a school.
// Other files of the zip (manifest.csv, courses.csv, academicSessions.csv, ...) are not read.
import { gradeLevels, type ImportProblem } from "@toolboxai/validators";
import { checkPerson } from "./fields";
import { emptyInput, type ImportInput, listCell, roleOf } from "./model";
import { type CsvTable, cell, missingColumns, parseCsvTable } from "./parse-csv";

export const ONEROSTER_FILES = ["orgs.csv", "users.csv", "classes.csv", "enrollments.csv"] as const;

const REQUIRED: Record<(typeof ONEROSTER_FILES)[number], readonly string[]> = {
  "orgs.csv": ["sourcedId", "name", "type"],
  "users.csv": ["sourcedId", "role", "givenName", "familyName", "email"],
  "classes.csv": ["sourcedId", "title", "schoolSourcedId"],
  "enrollments.csv": ["sourcedId", "classSourcedId", "userSourcedId", "role"],
};

/** Enrollment roles OneRoster has that the platform does not keep (no problem, just skipped). */
const OTHER_ENROLLMENT_ROLES = new Set(["administrator", "aide", "guardian", "parent", "proctor", "relative"]);
/** User roles OneRoster has that the platform has no account kind for. */
const OTHER_USER_ROLES = new Set(["aide", "proctor"]);

function isRemoved(table: CsvTable, row: CsvTable["rows"][number]): boolean {
  return cell(table, row, "status").toLowerCase() === "tobedeleted";
}

/** Reads one file's rows, reporting a sourcedId that is missing or seen before in the file. */
function* keyedRows(table: CsvTable, problems: ImportProblem[], onSkip: () => void) {
  const seen = new Map<string, number>();
  for (const r of table.rows) {
    const sourcedId = cell(table, r, "sourcedId");
    const src = { file: table.file, row: r.row };
    if (sourcedId === "") {
      problems.push({ ...src, field: "sourcedId", message: "Missing sourcedId" });
      onSkip();
      continue;
    }
    const first = seen.get(sourcedId);
    if (first !== undefined) {
      problems.push({
        ...src,
        field: "sourcedId",
        message: `Duplicate sourcedId "${sourcedId}" (first on row ${first}); this row is skipped`,
      });
      onSkip();
      continue;
    }
    seen.set(sourcedId, r.row);
    yield { r, src, sourcedId };
  }
}

/** OneRoster grades (`KG`, `07`, `13`, ...) as the platform's grade levels; null when there is none. */
export function gradeLevelOf(grades: string): string | null | undefined {
  const first = listCell(grades, /,/)[0];
  if (first === undefined) return null;
  const g = first.toUpperCase();
  if (["KG", "PK", "TK", "PR", "IT", "PS"].includes(g)) return "K";
  if (g === "13" || g === "PS" || g === "UG") return "Higher ed";
  const n = Number(g);
  if (Number.isInteger(n) && n >= 1 && n <= 12) return String(n);
  const named = gradeLevels.find((level) => level.toLowerCase() === first.toLowerCase());
  return named ?? undefined;
}

export function readOneRoster(files: Map<string, string>): ImportInput {
  const input = emptyInput("oneroster");
  const { problems } = input;
  if (!files.has("users.csv")) {
    problems.push({
      file: "users.csv",
      row: 1,
      field: null,
      message:
        "The upload has no users.csv: a OneRoster import is a zip of orgs.csv, users.csv, classes.csv and enrollments.csv (for one list of people, choose Simple CSV).",
    });
    return input;
  }
  const tables = new Map<string, CsvTable>();
  for (const name of ONEROSTER_FILES) {
    const text = files.get(name);
    if (text === undefined) continue;
    const table = parseCsvTable(text, name, problems);
    if (!table) continue;
    input.rowCount += table.rows.length;
    const missing = missingColumns(table, REQUIRED[name]);
    if (missing.length > 0) {
      problems.push(...missing);
      const kind = name.replace(".csv", "") as "orgs" | "users" | "classes" | "enrollments";
      input.skipped[kind === "orgs" ? "schools" : kind] += table.rows.length;
      continue;
    }
    tables.set(name, table);
  }
  const orgs = tables.get("orgs.csv");
  if (orgs) readOrgs(orgs, input);
  const users = tables.get("users.csv");
  if (users) readUsers(users, input);
  const classes = tables.get("classes.csv");
  if (classes) readClasses(classes, input);
  const enrollments = tables.get("enrollments.csv");
  if (enrollments) readEnrollments(enrollments, input);
  return input;
}

function readOrgs(table: CsvTable, input: ImportInput) {
  for (const { r, src, sourcedId } of keyedRows(table, input.problems, () => input.skipped.schools++)) {
    const type = cell(table, r, "type").toLowerCase();
    if (type !== "school") {
      // The district is the organization itself; departments and the like have no place here.
      input.skipped.schools += 1;
      continue;
    }
    const name = cell(table, r, "name");
    const remove = isRemoved(table, r);
    if (!remove && (name === "" || name.length > 200)) {
      input.problems.push({ ...src, field: "name", message: name === "" ? "Missing name" : "Name is too long" });
      input.skipped.schools += 1;
      input.rejected.schools.add(sourcedId);
      continue;
    }
    input.schools.push({ ...src, sourcedId, name, remove });
  }
}

function readUsers(table: CsvTable, input: ImportInput) {
  const { problems } = input;
  for (const { r, src, sourcedId } of keyedRows(table, problems, () => input.skipped.users++)) {
    const roleCell = cell(table, r, "role");
    if (isRemoved(table, r)) {
      input.users.push({
        ...src,
        key: sourcedId,
        sourcedId,
        name: "",
        email: "",
        role: roleOf(roleCell) ?? "STUDENT",
        password: null,
        active: false,
        remove: true,
      });
      continue;
    }
    if (OTHER_USER_ROLES.has(roleCell.toLowerCase())) {
      problems.push({ ...src, field: "role", message: `The platform has no account for the role "${roleCell}"` });
      input.skipped.users += 1;
      input.rejected.users.add(sourcedId);
      continue;
    }
    const name = [cell(table, r, "givenName"), cell(table, r, "familyName")].filter((n) => n !== "").join(" ");
    const person = checkPerson(
      src,
      { name, email: cell(table, r, "email").toLowerCase(), role: roleCell, password: cell(table, r, "password") },
      { name: "givenName", email: "email", role: "role", password: "password" },
      problems,
    );
    if (!person) {
      input.skipped.users += 1;
      input.rejected.users.add(sourcedId);
      continue;
    }
    const active = cell(table, r, "enabledUser").toLowerCase() !== "false";
    input.users.push({ ...src, key: sourcedId, sourcedId, active, remove: false, ...person });
    const agents = listCell(cell(table, r, "agentSourcedIds"), /,/);
    for (const agent of agents) {
      if (person.role === "STUDENT")
        input.parentLinks.push({
          ...src,
          parentKey: agent,
          studentKey: sourcedId,
          field: "agentSourcedIds",
          from: "student",
        });
      else if (person.role === "PARENT")
        input.parentLinks.push({
          ...src,
          parentKey: sourcedId,
          studentKey: agent,
          field: "agentSourcedIds",
          from: "parent",
        });
    }
  }
}

function readClasses(table: CsvTable, input: ImportInput) {
  const { problems } = input;
  for (const { r, src, sourcedId } of keyedRows(table, problems, () => input.skipped.classes++)) {
    const remove = isRemoved(table, r);
    const name = cell(table, r, "title");
    const subject = listCell(cell(table, r, "subjects"), /,/)[0] ?? "General";
    const gradesCell = cell(table, r, "grades");
    const gradeLevel = gradeLevelOf(gradesCell);
    const schoolSourcedId = cell(table, r, "schoolSourcedId") || null;
    const found: ImportProblem[] = [];
    if (!remove) {
      if (name === "") found.push({ ...src, field: "title", message: "Missing title" });
      else if (name.length > 100)
        found.push({ ...src, field: "title", message: "The title is longer than 100 characters" });
      if (subject.length > 60)
        found.push({ ...src, field: "subjects", message: "The subject is longer than 60 characters" });
      if (gradeLevel === undefined)
        found.push({ ...src, field: "grades", message: `Unknown grade "${gradesCell}" (use KG, 01 to 12 or 13)` });
    }
    if (found.length > 0) {
      problems.push(...found);
      input.skipped.classes += 1;
      input.rejected.classes.add(sourcedId);
      continue;
    }
    input.classes.push({ ...src, sourcedId, name, subject, gradeLevel: gradeLevel ?? null, schoolSourcedId, remove });
  }
}

function readEnrollments(table: CsvTable, input: ImportInput) {
  const { problems } = input;
  for (const { r, src } of keyedRows(table, problems, () => input.skipped.enrollments++)) {
    const role = cell(table, r, "role").toLowerCase();
    if (role !== "student" && role !== "teacher") {
      if (!OTHER_ENROLLMENT_ROLES.has(role))
        problems.push({ ...src, field: "role", message: `Unknown enrollment role "${cell(table, r, "role")}"` });
      input.skipped.enrollments += 1;
      continue;
    }
    const classRef = cell(table, r, "classSourcedId");
    const userKey = cell(table, r, "userSourcedId");
    if (classRef === "" || userKey === "") {
      problems.push({
        ...src,
        field: classRef === "" ? "classSourcedId" : "userSourcedId",
        message: classRef === "" ? "Missing classSourcedId" : "Missing userSourcedId",
      });
      input.skipped.enrollments += 1;
      continue;
    }
    input.enrollments.push({
      ...src,
      classRef,
      classBy: "sourcedId",
      userKey,
      role,
      primary: cell(table, r, "primary").toLowerCase() === "true",
      remove: isRemoved(table, r),
      classField: "classSourcedId",
      userField: "userSourcedId",
    });
  }
}
