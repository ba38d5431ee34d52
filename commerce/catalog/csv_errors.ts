/**
 * The errors of the product CSV import that callers tell apart: a file
 * that cannot be read as the product CSV at all (400), and a commit
 * refused because rows were rejected (422, with the report).
 *
 * @module
 */
import { AppError, Invalid } from "../../edge/errors.ts";
import type { CsvImportReport } from "./csv_types.ts";

/**
 * The body is not a product CSV file: not UTF-8, not CSV (a quote left
 * open), no header, or a header with unknown, repeated or missing
 * columns. 400 `invalid_csv`, with the line and the problems.
 */
export class InvalidCsvError extends Invalid {
  /** The line (from 1) of the fault; 1 for the header. */
  readonly line: number;

  constructor(
    message: string,
    item: { line: number; problems?: string[] },
    cause?: unknown,
  ) {
    super(message, { code: "invalid_csv", details: item, cause });
    this.line = item.line;
  }
}

/**
 * A commit refused because rows of the file were rejected: 422
 * `import_rejected`, with the whole report (every rejected line and its
 * problems) as `details`. Nothing was written.
 */
export class CsvImportRejectedError extends AppError {
  readonly report: CsvImportReport;

  constructor(report: CsvImportReport) {
    const count = report.rejected.length;
    super(
      `Nothing was imported: ${count} ${
        count === 1 ? "row was" : "rows were"
      } rejected (see details.rejected)`,
      { status: 422, code: "import_rejected", details: report },
    );
    this.report = report;
  }
}

/** The body is not sent as CSV: 415 `unsupported_media_type`. */
export class CsvMediaTypeError extends AppError {
  constructor(type: string) {
    super(
      `Send the file as 'text/csv' (UTF-8), not '${type.slice(0, 80)}'`,
      { status: 415, code: "unsupported_media_type" },
    );
  }
}
