// Prisma CLI configuration. Only `prisma generate` is run through the CLI here;
// migrations are applied and written by packages/db's migrator (see docs/architecture.md).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
