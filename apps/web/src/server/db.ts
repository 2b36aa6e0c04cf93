import "server-only";

export { getDb } from "@toolboxai/db";
