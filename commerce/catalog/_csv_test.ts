import assert from "node:assert/strict";
import { csvField, CsvSyntaxError, parseCsv, writeCsv } from "./_csv.ts";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

Deno.test("parseCsv() reads plain fields with CRLF, LF or CR line ends", () => {
  const expected = [["a", "b", "c"], ["1", "2", "3"]];
  assert.deepEqual(fields("a,b,c\r\n1,2,3\r\n"), expected);
  assert.deepEqual(fields("a,b,c\n1,2,3\n"), expected);
  assert.deepEqual(fields("a,b,c\r1,2,3"), expected);
  assert.deepEqual(fields("a,b,c\n1,2,3"), expected, "no final line break");
});

Deno.test("parseCsv() reads quoted fields with commas, quotes and line breaks", () => {
  const text =
    'name,description\r\n"Knife, large","A ""sharp"" one\r\nover two lines"\r\n';
  assert.deepEqual(fields(text), [
    ["name", "description"],
    ["Knife, large", 'A "sharp" one\r\nover two lines'],
  ]);
  assert.deepEqual(fields('"",x,""\n'), [["", "x", ""]]);
  assert.deepEqual(fields('""\n'), [[""]], "a quoted empty field is a record");
});

Deno.test("parseCsv() keeps empty fields, spaces and non-ASCII text", () => {
  assert.deepEqual(fields(",,\n a , b \n"), [["", "", ""], [" a ", " b "]]);
  assert.deepEqual(fields("名前,الاسم,Größe\n"), [["名前", "الاسم", "Größe"]]);
});

Deno.test("parseCsv() skips a byte order mark and empty lines", () => {
  const records = parseCsv("\uFEFFa,b\r\n\r\n1,2\n\n");
  assert.deepEqual(records, [
    { line: 1, fields: ["a", "b"] },
    { line: 3, fields: ["1", "2"] },
  ]);
});

Deno.test("parseCsv() numbers records by the line they start on", () => {
  const records = parseCsv('a,b\n"x\ny\r\nz",1\nlast,2\r\n');
  assert.deepEqual(records.map((r) => r.line), [1, 2, 5]);
});

Deno.test("parseCsv() refuses text that is not CSV, naming the line", () => {
  const fault = (text: string, line: number, message: RegExp) => {
    assert.throws(
      () => parseCsv(text),
      (error) =>
        error instanceof CsvSyntaxError && error.line === line &&
        message.test(error.message),
    );
  };
  fault('a,b\n"open,1\n2\n', 2, /never closed/);
  fault('a,b\n"x"y,1\n', 2, /closing quote/);
  fault('a,b\n1,2\nx"y,1\n', 3, /quote inside an unquoted field/);
  fault('a\n"x\n\n"z,1\n', 4, /closing quote/);
});

Deno.test("writeCsv() quotes only what must be, and parseCsv() reads it back", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  const records = [
    ["sku", "options", "description"],
    ["A-1", "color=Black;size=M", 'He said "yes",\r\nthen "no"'],
    ["", " ", "日本語"],
  ];
  const text = writeCsv(records);
  assert.ok(text.endsWith("\r\n"));
  assert.deepEqual(fields(text), records);
});
