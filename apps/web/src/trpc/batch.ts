// How many procedure calls the browser's client puts in one batch request. The server refuses a
// batch over @toolboxai/core's TRPC_MAX_BATCH_SIZE whole, so this must not exceed it (a test checks).
export const CLIENT_MAX_BATCH_ITEMS = 10;
