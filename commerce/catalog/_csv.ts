/**
 * A small RFC 4180 CSV reader and writer: comma-separated fields, fields
 * quoted with `"` when they hold a comma, a quote (doubled inside) or a
 * line break, records ended by CRLF (LF or a lone CR accepted on reading),
 * a UTF-8 byte order mark tolerated at the start.
 *
 * The reader is strict where a lenient one would guess: a quote inside an
 * unquoted field, text after a closing quote or a quote left open is a
 * {@link CsvSyntaxError} naming the line, so a file mangled by an editor
 * is refused rather than imported wrong.
 *
 * @module
 */

/** One record of a CSV file and the line (from 1) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The text is not CSV: where, and why. */
export class CsvSyntaxError extends Error {
  /** The line (from 1) of the fault. */
  readonly line: number;

  constructor(message: string, line: number) {
    super(`Line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
    this.line = line;
  }
}

const BOM = "\uFEFF";
const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The records of `text`, each with the line it starts on. Empty lines are
 * skipped (a record of one empty, unquoted field); a final line break ends
 * the last record rather than starting an empty one. Throws
 * {@link CsvSyntaxError}.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.startsWith(BOM) ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (i < length) {
    const start = line;
    const fields: string[] = [];
    let quotedAny = false;
    // One record: fields until a line break or the end of the text.
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        quotedAny = true;
        const opened = line;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0) {
            throw new CsvSyntaxError("a quoted field is never closed", opened);
          }
          const chunk = text.slice(i, close);
          line += chunk.match(LINE_BREAK)?.length ?? 0;
          field += chunk;
          if (text[close + 1] === '"') {
            field += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        const next = text[i];
        if (i < length && next !== "," && next !== "\r" && next !== "\n") {
          throw new CsvSyntaxError(
            "a closing quote must end its field (a quote inside a quoted field is written twice)",
            line,
          );
        }
      } else {
        const from = i;
        while (i < length) {
          const char = text[i];
          if (char === "," || char === "\r" || char === "\n") break;
          if (char === '"') {
            throw new CsvSyntaxError(
              "a quote inside an unquoted field (quote the whole field and double the quote)",
              line,
            );
          }
          i++;
        }
        field = text.slice(from, i);
      }
      fields.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      // A line break (CRLF, LF or CR) or the end of the text ends the record.
      if (text[i] === "\r") i += text[i + 1] === "\n" ? 2 : 1;
      else if (text[i] === "\n") i++;
      line++;
      break;
    }
    if (fields.length === 1 && fields[0] === "" && !quotedAny) continue;
    records.push({ line: start, fields });
  }
  return records;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as written: quoted (quotes doubled) when it must be. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * `records` as CSV text: fields quoted where needed, each record ended by
 * CRLF. No byte order mark: the caller adds one when its readers need it.
 */
export function writeCsv(records: readonly (readonly string[])[]): string {
  let text = "";
  for (const record of records) {
    // A lone empty field is quoted, or it would read back as an empty line.
    const row = record.length === 1 && record[0] === ""
      ? '""'
      : record.map(csvField).join(",");
    text += row + "\r\n";
  }
  return text;
}
