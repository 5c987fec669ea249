/**
 * A streaming CSV reader (RFC 4180 as spreadsheets write it): quoted fields with commas, doubled quotes and line
 * breaks inside, CRLF or LF line ends, a UTF-8 byte-order mark. It holds one record at a time, so a file of any
 * size reads in constant memory. The separator is `,` unless the header line has more `;` than `,` (spreadsheets in
 * locales with a decimal comma export `;`).
 */
export type TCsvRecord =
  /** `line` is the file line the record starts on (1 is the header), as a person finds it in an editor. */
  { line: number; fields: string[] } | { line: number; error: string };

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const LF = 10;
const CR = 13;

/** Reads records from text chunks (a file stream with `setEncoding('utf8')`, or strings in tests). */
export async function* readCsvRecords(
  chunks: AsyncIterable<string | Buffer> | Iterable<string>,
): AsyncGenerator<TCsvRecord> {
  let separator = COMMA;
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  /** The last character was the closing quote of a quoted field (or the first of a doubled quote). */
  let quoteSeen = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let pendingCr = false;

  const endRecord = (): TCsvRecord | null => {
    fields.push(field);
    const record = fields;
    fields = [];
    field = '';
    fieldStarted = false;
    // A blank line is not a record.
    if (record.length === 1 && record[0] === '') return null;
    return { line: recordLine, fields: record };
  };

  for await (const chunk of withSeparatorSniffed(chunks, (found) => (separator = found))) {
    let segmentStart = 0;
    for (let index = 0; index < chunk.length; index++) {
      const code = chunk.charCodeAt(index);
      if (pendingCr) {
        pendingCr = false;
        if (code === LF) {
          segmentStart = index + 1;
          continue;
        }
      }
      if (inQuotes) {
        if (code === QUOTE) {
          field += chunk.slice(segmentStart, index);
          segmentStart = index + 1;
          inQuotes = false;
          quoteSeen = true;
        } else if (code === LF) {
          // A line break inside quotes belongs to the field; it still moves the line count on.
          line++;
        }
        continue;
      }
      if (quoteSeen) {
        quoteSeen = false;
        if (code === QUOTE) {
          // `""` inside a quoted field is one quote.
          field += '"';
          segmentStart = index + 1;
          inQuotes = true;
          continue;
        }
      }
      if (code === separator) {
        field += chunk.slice(segmentStart, index);
        fields.push(field);
        field = '';
        fieldStarted = false;
        segmentStart = index + 1;
      } else if (code === LF || code === CR) {
        field += chunk.slice(segmentStart, index);
        segmentStart = index + 1;
        const record = endRecord();
        if (record) yield record;
        line++;
        recordLine = line;
        if (code === CR) pendingCr = true;
      } else if (code === QUOTE && !fieldStarted && field === '' && index === segmentStart) {
        inQuotes = true;
        fieldStarted = true;
        segmentStart = index + 1;
      } else {
        fieldStarted = true;
      }
    }
    field += chunk.slice(segmentStart);
  }
  if (inQuotes) {
    yield {
      line: recordLine,
      error: 'a quoted field is never closed (a " is missing); the rest of the file was skipped',
    };
    return;
  }
  const record = endRecord();
  if (record) yield record;
}

/** Holds text back until the header line is whole, picks the separator from it, then passes everything on. */
async function* withSeparatorSniffed(
  chunks: AsyncIterable<string | Buffer> | Iterable<string>,
  choose: (separator: number) => void,
): AsyncGenerator<string> {
  let head: string | null = '';
  const release = () => {
    const text = head!.charCodeAt(0) === 0xfeff ? head!.slice(1) : head!;
    const line = text.slice(0, text.search(/\r|\n|$/));
    const count = (char: string) => line.split(char).length - 1;
    if (count(';') > count(',')) choose(SEMICOLON);
    head = null;
    return text;
  };
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (head === null) {
      yield chunk;
      continue;
    }
    head += chunk;
    if (/[\r\n]/.test(head)) yield release();
  }
  if (head !== null) yield release();
}
