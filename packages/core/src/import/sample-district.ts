// A sample district in OneRoster 1.1 CSV, written in code for the tests: a district, three
// schools with four classes each, a teacher per class, 300 students in two classes each, 100
// parents linked by agentSourcedIds, an admin, and (unless `clean`) a few rows with errors.
import { zipSync } from "fflate";

export interface DistrictOptions {
  /** Appended to every name, so a re-import can change them. */
  nameSuffix?: string;
  /** Email domain of every person. */
  domain?: string;
  /** Leave out the rows with errors. */
  clean?: boolean;
  students?: number;
}

const HEADERS = {
  "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
  "users.csv":
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
  "classes.csv":
    "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
  "enrollments.csv":
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate",
} as const;

export type DistrictFile = keyof typeof HEADERS;

const pad = (n: number, width = 3) => String(n).padStart(width, "0");
const WHEN = "2026-08-01T00:00:00Z";

export interface SampleDistrict {
  files: Record<DistrictFile, string>;
  /** The four files as a zip, base64 (what the page uploads). */
  zipBase64(): string;
  /** Where the error rows are: file and line (the header is line 1). */
  errors: { file: DistrictFile; row: number; field: string }[];
  counts: { schools: number; classes: number; teachers: number; students: number; parents: number; admins: number };
}

export function sampleDistrict(options: DistrictOptions = {}): SampleDistrict {
  const suffix = options.nameSuffix ?? "";
  const domain = options.domain ?? "district.example";
  const studentCount = options.students ?? 300;
  const rows: Record<DistrictFile, string[]> = {
    "orgs.csv": [],
    "users.csv": [],
    "classes.csv": [],
    "enrollments.csv": [],
  };
  const errors: SampleDistrict["errors"] = [];
  const add = (file: DistrictFile, cells: string[]) => {
    rows[file].push(cells.join(","));
  };
  const lineOf = (file: DistrictFile) => rows[file].length + 1; // the row just added (header is 1)

  add("orgs.csv", ["dist-1", "active", WHEN, `Riverside District${suffix}`, "district", "RD", ""]);
  const schools = [1, 2, 3].map((s) => `sch-${s}`);
  schools.forEach((id, i) => {
    add("orgs.csv", [id, "active", WHEN, `School ${i + 1}${suffix}`, "school", id, "dist-1"]);
  });

  const user = (
    id: string,
    role: string,
    given: string,
    family: string,
    email: string,
    agents: string[] = [],
    org = "sch-1",
  ) =>
    add("users.csv", [
      id,
      "active",
      WHEN,
      "true",
      org,
      role,
      email.split("@")[0] ?? id,
      "",
      given,
      `${family}${suffix}`,
      "",
      id,
      email,
      "",
      "",
      `"${agents.join(",")}"`,
      "",
      "",
    ]);

  user("adm-1", "administrator", "Ada", "Admin", `ada.admin@${domain}`, [], "dist-1");
  const classes: string[] = [];
  schools.forEach((school, s) => {
    for (let c = 1; c <= 4; c++) {
      const id = `cls-${s + 1}-${c}`;
      classes.push(id);
      const grade = pad(5 + c, 2);
      add("classes.csv", [
        id,
        "active",
        WHEN,
        `Class ${s + 1}.${c}${suffix}`,
        grade,
        "",
        id,
        "scheduled",
        "",
        school,
        "t1",
        "Science",
        "",
        "1",
      ]);
    }
  });
  classes.forEach((cls, i) => {
    const id = `tch-${pad(i + 1, 2)}`;
    user(id, "teacher", "Teacher", `T${i + 1}`, `teacher${i + 1}@${domain}`, [], schools[Math.floor(i / 4)]);
    add("enrollments.csv", [
      `enr-${id}`,
      "active",
      WHEN,
      cls,
      schools[Math.floor(i / 4)] as string,
      id,
      "teacher",
      "true",
      "",
      "",
    ]);
  });
  const parentCount = Math.min(100, studentCount);
  for (let n = 1; n <= studentCount; n++) {
    const id = `stu-${pad(n)}`;
    const agents = n <= parentCount ? [`par-${pad(n)}`] : [];
    user(id, "student", "Student", `S${n}`, `student${n}@${domain}`, agents);
    for (const k of [0, 1]) {
      const cls = classes[(n + k * 5) % classes.length] as string;
      add("enrollments.csv", [`enr-${id}-${k}`, "active", WHEN, cls, "", id, "student", "false", "", ""]);
    }
  }
  for (let n = 1; n <= parentCount; n++) {
    user(`par-${pad(n)}`, "parent", "Parent", `P${n}`, `parent${n}@${domain}`, [`stu-${pad(n)}`]);
  }

  if (!options.clean) {
    user("stu-noemail", "student", "No", "Email", "");
    errors.push({ file: "users.csv", row: lineOf("users.csv"), field: "email" });
    add("enrollments.csv", ["enr-noemail", "active", WHEN, "cls-1-1", "", "stu-noemail", "student", "false", "", ""]);
    errors.push({ file: "enrollments.csv", row: lineOf("enrollments.csv"), field: "userSourcedId" });
    user("usr-janitor", "janitor", "Jan", "Itor", `janitor@${domain}`);
    errors.push({ file: "users.csv", row: lineOf("users.csv"), field: "role" });
    user("stu-001", "student", "Copy", "Cat", `copycat@${domain}`);
    errors.push({ file: "users.csv", row: lineOf("users.csv"), field: "sourcedId" });
    add("enrollments.csv", ["enr-ghost", "active", WHEN, "cls-missing", "", "stu-002", "student", "false", "", ""]);
    errors.push({ file: "enrollments.csv", row: lineOf("enrollments.csv"), field: "classSourcedId" });
  }

  const order = Object.keys(HEADERS);
  errors.sort((x, y) => order.indexOf(x.file) - order.indexOf(y.file) || x.row - y.row);
  const files = Object.fromEntries(
    (Object.keys(HEADERS) as DistrictFile[]).map((f) => [f, `${[HEADERS[f], ...rows[f]].join("\n")}\n`]),
  ) as Record<DistrictFile, string>;
  return {
    files,
    zipBase64: () => zipBase64(files),
    errors,
    counts: { schools: 3, classes: 12, teachers: 12, students: studentCount, parents: parentCount, admins: 1 },
  };
}

/** Files as a zip, base64. */
export function zipBase64(files: Record<string, string>): string {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]),
  );
  return Buffer.from(zipSync(entries)).toString("base64");
}
