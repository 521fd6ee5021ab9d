import { createInflateRaw, type Inflate, type InflateRaw } from "node:zlib";

/**
 * Checks of what an accepted file holds, beyond its type: archives that expand out of all proportion (zip
 * bombs) and CSV cells a spreadsheet would run as a formula (PDFs: `pdf.ts`). These read the bytes only;
 * nothing here is ever executed or rendered.
 */

/* ------------------------------------- zip ------------------------------------- */

/** More entries than any spreadsheet has. */
export const maxZipEntries = 10_000;
/** Everything in the archive together, expanded: far above any budget spreadsheet. */
export const maxZipExpandedBytes = 256 * 1024 * 1024;
/** Expanded size over archive size: spreadsheet XML packs 5-30 times; a bomb, hundreds to millions. */
export const maxZipRatio = 100;

export type ZipVerdict = "ok" | "bomb" | "unreadable";

interface Entry {
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const u16 = (bytes: Buffer, at: number) => bytes.readUInt16LE(at);
const u32 = (bytes: Buffer, at: number) => bytes.readUInt32LE(at);
const u64 = (bytes: Buffer, at: number) => Number(bytes.readBigUInt64LE(at));

/** Where the end-of-central-directory record starts, searching back over a comment of up to 64 KiB. */
function endOfDirectory(bytes: Buffer): number | undefined {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50 && at + 22 + u16(bytes, at + 20) === bytes.length) return at;
  }
  return undefined;
}

/**
 * Reads the central directory (the archive's own table of contents) and each entry's local header, so the
 * sizes are known before anything is expanded. Throws on anything malformed.
 */
function readDirectory(bytes: Buffer): { entries: Entry[]; directoryStart: number } {
  const end = endOfDirectory(bytes);
  if (end === undefined) throw new Error("no end of central directory");
  let count = u16(bytes, end + 10);
  let directorySize = u32(bytes, end + 12);
  let directoryStart = u32(bytes, end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    // ZIP64: the real values are in the ZIP64 end record, which its locator (just before) points to.
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw new Error("no zip64 locator");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw new Error("no zip64 end record");
    count = u64(bytes, record + 32);
    directorySize = u64(bytes, record + 40);
    directoryStart = u64(bytes, record + 48);
  }
  if (count > maxZipEntries) throw new TooManyEntries();
  if (directoryStart + directorySize > end) throw new Error("central directory out of bounds");

  const entries: Entry[] = [];
  let at = directoryStart;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50) throw new Error("bad central directory entry");
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const entry: Entry = {
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    // ZIP64 extra field: the 64-bit values of whichever fields above are 0xffffffff, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(bytes, extra);
      const length = u16(bytes, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        for (const name of ["size", "compressedSize", "offset"] as const) {
          if (entry[name] === 0xffffffff && field + 8 <= extra + 4 + length) {
            entry[name] = u64(bytes, field);
            field += 8;
          }
        }
      }
      extra += 4 + length;
    }
    entries.push(entry);
    at = extraEnd + commentLength;
  }
  return { entries, directoryStart };
}

class TooManyEntries extends Error {}

/** How many bytes deflated `data` expands to, stopping (answering undefined) once past `limit`. */
function inflatedSize(data: Buffer, limit: number, stream: () => Inflate | InflateRaw): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const inflate = stream();
    let total = 0;
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        resolve(undefined);
      }
    });
    inflate.on("end", () => resolve(total));
    inflate.on("error", reject);
    inflate.end(data);
  });
}

/**
 * Whether a zip archive (XLSX and ODS are zips) expands in proportion. Read from the central directory:
 * too many entries, a declared expanded size past `maxZipExpandedBytes` or `maxZipRatio` times the archive,
 * or entries whose data overlap (a bomb that reuses the same compressed bytes) make a bomb. The declared
 * sizes are then held to: each entry is expanded (counting, not keeping, the output) and may not produce
 * more than it declared, since a spreadsheet program reads until the data ends, whatever the header says.
 * Anything else a spreadsheet never holds (encrypted entries, unusual compression) is unreadable.
 */
export async function checkZip(bytes: Buffer): Promise<ZipVerdict> {
  let directory: ReturnType<typeof readDirectory>;
  try {
    directory = readDirectory(bytes);
  } catch (error) {
    return error instanceof TooManyEntries ? "bomb" : "unreadable";
  }
  const { entries, directoryStart } = directory;
  const declared = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (declared > maxZipExpandedBytes || declared > maxZipRatio * bytes.length) return "bomb";

  const spans: { start: number; dataStart: number; end: number; entry: Entry }[] = [];
  for (const entry of entries) {
    if (entry.flags & 0x1) return "unreadable"; // encrypted
    if (entry.method !== 0 && entry.method !== 8) return "unreadable";
    if (entry.method === 0 && entry.compressedSize !== entry.size) return "unreadable";
    const local = entry.offset;
    if (local + 30 > directoryStart || u32(bytes, local) !== 0x04034b50) return "unreadable";
    const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const end = dataStart + entry.compressedSize;
    if (end > directoryStart) return "unreadable";
    spans.push({ start: local, dataStart, end, entry });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let index = 1; index < spans.length; index++) {
    if (spans[index]!.start < spans[index - 1]!.end) return "bomb";
  }

  for (const { dataStart, end, entry } of spans) {
    if (entry.method !== 8) continue;
    try {
      const size = await inflatedSize(bytes.subarray(dataStart, end), entry.size, createInflateRaw);
      if (size === undefined) return "bomb";
    } catch {
      return "unreadable";
    }
  }
  return "ok";
}

/* ------------------------------------- csv ------------------------------------- */

/** What a spreadsheet program would run: a cell starting with one of these is read as a formula. */
const formulaStart = /^[=+\-@\t\r]/;
/** Unless it is only a number ("-450", "+1 200,50"), which no program runs. */
const plainNumber = /^[+-]?[\d\s.,]*%?$/;

export interface CsvFormulaCells {
  cells: number;
  /** The first such cell, spreadsheet style ("B2"): where staff look, without quoting what it says. */
  first: string;
}

/** A column's letters, spreadsheet style: 0 is A, 26 is AA. */
function columnName(index: number): string {
  let name = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
}

/**
 * Cells of a CSV that a spreadsheet would take for a formula (`=cmd|' /C calc'!A0`, `@SUM(...)`): counted,
 * and the first named, or undefined when there are none. Quoted cells count by what is inside the quotes,
 * as spreadsheets read them. The delimiter is the one the first line uses most.
 */
export function csvFormulaCells(text: string): CsvFormulaCells | undefined {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [",", ";", "\t"]
    .map((candidate) => ({ candidate, count: header.split(candidate).length }))
    .sort((a, b) => b.count - a.count)[0]!.candidate;
  let cells = 0;
  let first: string | undefined;
  let row = 0;
  let column = 0;
  let cell = "";
  let quoted = false;
  const endCell = () => {
    if (formulaStart.test(cell) && !plainNumber.test(cell)) {
      cells++;
      first ??= `${columnName(column)}${row + 1}`;
    }
    cell = "";
    column++;
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        cell += '"';
        at++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === delimiter) endCell();
    else if (char === "\n" || (char === "\r" && text[at + 1] === "\n")) {
      if (char === "\r") at++;
      endCell();
      row++;
      column = 0;
    } else cell += char;
  }
  if (cell !== "" || column > 0) endCell();
  return first === undefined ? undefined : { cells, first };
}
