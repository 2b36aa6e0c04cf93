import "server-only";
import { getDatabase } from "@toolboxai/db";
import { platformMetrics } from "@toolboxai/observability/metrics";

export { getDatabase, getDb } from "@toolboxai/db";

// database_connections_active reads this process's database at each scrape, once per process
// (this module is evaluated again by hot reloads and by each bundle that includes it).
const OBSERVED = Symbol.for("toolboxai.webDatabaseObserved");
const holder = globalThis as { [OBSERVED]?: true };
if (!holder[OBSERVED]) {
  holder[OBSERVED] = true;
  platformMetrics().observeDatabasePool(() => getDatabase().connection.openConnections());
}
