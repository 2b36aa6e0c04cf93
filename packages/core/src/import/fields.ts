// The checks one row can be given on its own: a name, an email address, a role, a password.
import type { Role } from "@toolboxai/db";
import { emailSchema, type ImportProblem, newPasswordSchema, personNameSchema } from "@toolboxai/validators";
import { roleOf, type Source } from "./model";

export interface PersonCells {
  name: string;
  email: string;
  role: string;
  password: string;
}

export interface PersonFields {
  name: string;
  email: string;
  role: Role;
  password: string | null;
}

function firstIssue(result: { error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? "Invalid value";
}

/** The row's person, or null with every problem of the row pushed (each with its column). */
export function checkPerson(
  src: Source,
  cells: PersonCells,
  columns: Record<keyof PersonCells, string>,
  problems: ImportProblem[],
): PersonFields | null {
  const found: ImportProblem[] = [];
  const problem = (field: string, message: string) => found.push({ file: src.file, row: src.row, field, message });
  const name = personNameSchema.safeParse(cells.name);
  if (!name.success) problem(columns.name, cells.name === "" ? "Missing name" : firstIssue(name));
  const email = emailSchema.safeParse(cells.email);
  if (cells.email === "") problem(columns.email, "Missing email");
  else if (!email.success) problem(columns.email, `${firstIssue(email)}: "${cells.email}"`);
  const role = roleOf(cells.role);
  if (!role)
    problem(
      columns.role,
      cells.role === ""
        ? "Missing role"
        : `Unknown role "${cells.role}" (use student, teacher, administrator, parent or guardian)`,
    );
  let password: string | null = null;
  if (cells.password !== "") {
    const parsed = newPasswordSchema.safeParse(cells.password);
    if (parsed.success) password = parsed.data;
    else problem(columns.password, `The password is too weak: ${firstIssue(parsed)}`);
  }
  problems.push(...found);
  if (found.length > 0 || !name.success || !email.success || !role) return null;
  return { name: name.data, email: email.data, role, password };
}
