export * from "./assignments";
export * from "./auth";
export * from "./classes";
export * from "./common";
export * from "./content";
export * from "./me";
export * from "./questions";
export * from "./users";
