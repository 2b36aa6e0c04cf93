// The shapes of a data export: sections of flat rows, and how each section is collected.
import type { ServiceContext } from "../context";

export type ExportValue = string | number | boolean | null | Date | readonly unknown[] | { [key: string]: unknown };
export type ExportRow = Record<string, ExportValue>;

export interface ExportSection {
  /** The file names: `<name>.json`, `<name>.csv`. */
  name: string;
  /** One line for the README. */
  description: string;
  columns: readonly string[];
  rows: ExportRow[];
}

type Db = ServiceContext["db"];
export type Collector = (db: Db, subjectId: string) => Promise<ExportRow[]>;

export interface SectionSpec {
  name: string;
  description: string;
  columns: readonly string[];
  collect: Collector;
}
