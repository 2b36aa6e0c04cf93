// Filled in by issue 14's observability work.
export {};
