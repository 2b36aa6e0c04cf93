// The simple CSV: one file, a header row, one person per row. Columns (any order, any case):
//   name         required  the person's full name
//   email        required  their sign-in address (unique in the organization; the row's key)
//   role         required  student, teacher, administrator (or admin), parent (or guardian)
//   password     optional  a first password (10+ characters, letters and digits or symbols); new
//                          accounts only, and it must be changed at first sign-in. Without one the
//                          account has no usable password: the admin gives a set-password link.
//   class        optional  students only: the name of an existing class to enroll in (several
//                          separated by ";")
//   parentEmail  optional  students only: a parent's email (a parent row of the same file or an
//                          existing parent account; several separated by ";"), linked to the student
// A re-import finds people by email: it updates their name and leaves the rest as it is.
import type { ImportProblem } from "@toolboxai/validators";
import { checkPerson } from "./fields";
import { emptyInput, type ImportInput, listCell } from "./model";
import { type CsvTable, cell, missingColumns, parseCsvTable } from "./parse-csv";

export const SIMPLE_CSV_COLUMNS = ["name", "email", "role", "password", "class", "parentEmail"] as const;
const REQUIRED = ["name", "email", "role"] as const;

export function readSimpleCsv(files: Map<string, string>): ImportInput {
  const input = emptyInput("csv");
  const csvs = [...files.entries()];
  const [entry] = csvs;
  if (!entry || csvs.length !== 1) {
    input.problems.push({
      file: entry?.[0] ?? "",
      row: 1,
      field: null,
      message: "The simple CSV format takes one .csv file (for a OneRoster zip, choose OneRoster).",
    });
    return input;
  }
  const [file, text] = entry;
  const table = parseCsvTable(text, file, input.problems);
  if (!table) return input;
  input.rowCount = table.rows.length;
  const missing = missingColumns(table, REQUIRED);
  if (missing.length > 0) {
    input.problems.push(...missing);
    input.skipped.users = table.rows.length;
    return input;
  }
  readRows(table, input, input.problems);
  return input;
}

function readRows(table: CsvTable, input: ImportInput, problems: ImportProblem[]) {
  const { file } = table;
  for (const r of table.rows) {
    const src = { file, row: r.row };
    const email = cell(table, r, "email").toLowerCase();
    const person = checkPerson(
      src,
      {
        name: cell(table, r, "name"),
        email,
        role: cell(table, r, "role"),
        password: cell(table, r, "password"),
      },
      { name: "name", email: "email", role: "role", password: "password" },
      problems,
    );
    const classes = listCell(cell(table, r, "class"), /;/);
    const parents = listCell(cell(table, r, "parentEmail"), /;/).map((e) => e.toLowerCase());
    if (person && person.role !== "STUDENT") {
      if (classes.length > 0) {
        problems.push({ ...src, field: "class", message: "Only students are enrolled in classes by an import." });
      }
      if (parents.length > 0) {
        problems.push({ ...src, field: "parentEmail", message: "Only students are linked to parents." });
      }
      if (classes.length > 0 || parents.length > 0) {
        input.skipped.users += 1;
        input.rejected.users.add(email);
        continue;
      }
    }
    if (!person) {
      input.skipped.users += 1;
      if (email) input.rejected.users.add(email);
      continue;
    }
    input.users.push({ ...src, key: person.email, sourcedId: null, active: true, remove: false, ...person });
    for (const name of classes) {
      input.enrollments.push({
        ...src,
        classRef: name,
        classBy: "name",
        userKey: person.email,
        role: "student",
        primary: false,
        remove: false,
        classField: "class",
        userField: "email",
      });
    }
    for (const parentEmail of parents) {
      input.parentLinks.push({
        ...src,
        parentKey: parentEmail,
        studentKey: person.email,
        field: "parentEmail",
        from: "student",
      });
    }
  }
}
