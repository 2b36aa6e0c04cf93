// The standards agent's own catalog, so the picker offers exactly the codes the agent can describe.
import { STANDARDS_CATALOG } from "@toolboxai/agents";
import { type StandardsCatalogView, standardsCatalogSchema } from "@toolboxai/validators";

/**
 * The built-in NGSS and Common Core catalog, in its own order (science, math, ELA; by grade).
 * Parsed, not cast: the catalog spells grades as plain strings, the view as grade levels.
 */
export const standardsCatalogHandler = (): StandardsCatalogView =>
  standardsCatalogSchema.parse({ standards: STANDARDS_CATALOG });
