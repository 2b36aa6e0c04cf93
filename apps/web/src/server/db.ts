import "server-only";

export { getDatabase, getDb } from "@toolboxai/db";
