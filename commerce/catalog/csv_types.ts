/**
 * What the product CSV import answers: how many rows it read, what it
 * created and updated (or would, in a dry run), and every rejected row
 * with its problems per column.
 *
 * @module
 */

/** `validate`: a dry run that writes nothing; `commit`: apply the file. */
export type CsvImportMode = "validate" | "commit";

/** One problem of a rejected row: the column (null: the row as a whole). */
export interface CsvRowError {
  column: string | null;
  message: string;
}

/** A row that cannot be imported, by the line (from 1) it starts on. */
export interface CsvRejectedRow {
  line: number;
  sku?: string;
  errors: CsvRowError[];
}

/**
 * The report of an import. Counts are of products: `created` and
 * `updated` are what a commit did (or, validating, would do) for the
 * products whose rows are all valid; `unchanged` products are named in the
 * file but already as it says.
 */
export interface CsvImportReport {
  mode: CsvImportMode;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Products the file names. */
  products: number;
  created: number;
  updated: number;
  unchanged: number;
  /** By line; a commit writes nothing unless this is empty. */
  rejected: CsvRejectedRow[];
}
