// `pnpm db:seed` (also run by `pnpm dev`): idempotent demo data, then the sign-ins.
import { createDatabase } from "../client";
import { readDbEnv } from "../env";
import { seedDemo } from "../seed";

const env = readDbEnv();
const handle = createDatabase({ databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir });
try {
  const result = await seedDemo(handle.db);
  const lines = result.signIns.map((s) => `  ${s.role.padEnd(8)} ${s.email.padEnd(26)} ${s.password}`);
  console.log(
    [
      "",
      result.created ? "Demo organization created: Maple Grove Middle School" : "Demo data is in place.",
      `Sign in at ${env.appUrl}/signin with any of these (all six students share the password):`,
      ...lines,
      "",
    ].join("\n"),
  );
} finally {
  await handle.close();
}
