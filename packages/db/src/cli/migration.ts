// `pnpm db:migration <name>`: writes a new migration folder from the schema diff.
import path from "node:path";
import { readDbEnv } from "../env";
import { createMigration } from "../migrator";

const name = process.argv.slice(2).join("_");
if (!name) {
  console.error("Usage: pnpm db:migration <name>   e.g. pnpm db:migration add_classes");
  process.exit(1);
}
const env = readDbEnv();
const folder = await createMigration({ migrationsDir: env.migrationsDir, schemaPath: env.schemaPath, name });
if (folder) {
  console.log(`Created ${path.relative(process.cwd(), folder)}/migration.sql. Apply it with: pnpm db:migrate`);
} else {
  console.log("The schema matches the migrations: nothing to write.");
}
