// What a school's student information system does nightly: make a class's roster match a CSV
// export. Students missing from the platform are created, those missing from the class are
// added, and those no longer in the CSV are removed from the class (their accounts are kept).
//
//   TOOLBOX_URL=https://toolbox.example.org TOOLBOX_API_KEY=tbx_live_… \
//     pnpm --filter @toolboxai/sdk exec tsx examples/roster-sync.ts --class <classId> --csv roster.csv [--dry-run]
//
// The CSV has a header row with `name` and `email` columns. The key must be an admin's key with
// the `admin`, `classes:read` and `classes:write` scopes. --dry-run prints the plan and changes nothing.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createToolboxClient, ToolboxApiError } from "@toolboxai/sdk";
import { readCsv } from "./csv";
import { exampleEnv } from "./env";

const { values } = parseArgs({
  options: { class: { type: "string" }, csv: { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
if (!values.class || !values.csv) {
  console.error("Usage: roster-sync.ts --class <classId> --csv <file> [--dry-run]");
  process.exit(2);
}
const classId = values.class;
const dryRun = values["dry-run"];
const env = exampleEnv();
const toolbox = createToolboxClient({ baseUrl: env.url, apiKey: env.apiKey, serviceName: "roster-sync-example" });

interface Student {
  id: string;
  name: string;
  email: string;
}

/** Every student account of the organization, by lower-cased email (the list is paged). */
async function studentsByEmail(): Promise<Map<string, Student>> {
  const found = new Map<string, Student>();
  for (let page = 1; ; page++) {
    const list = await toolbox.get("/users", { params: { query: { role: "STUDENT", page, pageSize: 100 } } });
    for (const user of list.items) found.set(user.email.toLowerCase(), user);
    if (page >= list.pageCount) return found;
  }
}

try {
  const wanted = readCsv(await readFile(values.csv, "utf8")).filter((row) => row.email);
  const klass = await toolbox.get("/classes/{classId}", { params: { path: { classId } } });
  const roster = klass.roster ?? [];
  const onRoster = new Set(roster.map((s) => s.email.toLowerCase()));
  const inCsv = new Set(wanted.map((row) => (row.email ?? "").toLowerCase()));
  const accounts = await studentsByEmail();
  console.log(
    `${klass.name}: ${roster.length} on the roster, ${wanted.length} in ${values.csv}${dryRun ? " (dry run)" : ""}`,
  );

  let created = 0;
  let added = 0;
  let removed = 0;
  for (const row of wanted) {
    const email = (row.email ?? "").toLowerCase();
    let student = accounts.get(email);
    if (!student) {
      console.log(`+ create ${row.name} <${email}>`);
      created++;
      if (!dryRun) {
        const result = await toolbox.post("/users", { body: { name: row.name || email, email, role: "STUDENT" } });
        student = result.user;
      }
    }
    if (!onRoster.has(email)) {
      console.log(`+ add ${email}`);
      added++;
      if (!dryRun && student) {
        await toolbox.post("/classes/{classId}/students", {
          params: { path: { classId } },
          body: { studentId: student.id },
        });
      }
    }
  }
  for (const student of roster) {
    if (inCsv.has(student.email.toLowerCase())) continue;
    console.log(`- remove ${student.email}`);
    removed++;
    if (!dryRun) {
      await toolbox.delete("/classes/{classId}/students/{studentId}", {
        params: { path: { classId, studentId: student.id } },
      });
    }
  }
  console.log(
    `${dryRun ? "Would create" : "Created"} ${created}, ${dryRun ? "add" : "added"} ${added}, ${dryRun ? "remove" : "removed"} ${removed}.`,
  );
} catch (error) {
  if (error instanceof ToolboxApiError) {
    const fields = Object.entries(error.fieldErrors).map(([field, messages]) => ` ${field}: ${messages.join(", ")}`);
    console.error(
      `${error.status} ${error.code}: ${error.detail ?? error.title} (request ${error.requestId})${fields.join(";")}`,
    );
    process.exit(1);
  }
  throw error;
}
