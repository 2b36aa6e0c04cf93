import { TRPC_MAX_BATCH_SIZE } from "@toolboxai/core";
import { expect, it } from "vitest";
import { CLIENT_MAX_BATCH_ITEMS } from "./batch";

it("keeps the browser's batches within the size the server accepts", () => {
  expect(CLIENT_MAX_BATCH_ITEMS).toBeLessThanOrEqual(TRPC_MAX_BATCH_SIZE);
});
