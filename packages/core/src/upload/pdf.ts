import { constants, createInflate } from "node:zlib";

/**
 * Whether a PDF is inert: it runs nothing, carries no other file, and does nothing by itself when it is opened
 * or its pages are shown. These read the bytes only; nothing here is ever executed or rendered.
 */

export type PdfVerdict = "ok" | "script" | "launch" | "embedded" | "action" | "unchecked";

/** PDF names that make a document run something or carry something, wherever they appear, and what each is. */
const activeNames: Record<string, Exclude<PdfVerdict, "ok" | "unchecked" | "action">> = {
  JavaScript: "script",
  JS: "script",
  // XFA forms carry their own script.
  XFA: "script",
  Launch: "launch",
  EmbeddedFile: "embedded",
  EmbeddedFiles: "embedded",
  FileAttachment: "embedded",
  RichMedia: "embedded",
};

/**
 * Actions that reach outside the document. As a link someone clicks they are ordinary (a `/URI` link in the
 * text); run by themselves from `/OpenAction` or `/AA` they tell whoever is watching that the file was opened,
 * and where: `/GoToR` or `/GoToE` to a UNC path makes a Windows reader send its user's password hash.
 */
const actionsThatCallOut = new Set(["URI", "SubmitForm", "GoToR", "GoToE", "ImportData", "Launch", "JavaScript"]);

/** Largest object stream expanded for the check; a bigger one is not checked, so the file is refused. */
const maxObjectStreamBytes = 16 * 1024 * 1024;

/** Deeper nesting than any real document has: past it the file is not checked, rather than read forever. */
const maxDepth = 64;

/** Every name (`/Type`) in PDF syntax, with `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`). */
function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]*)/g)) names.add(decodeName(match[1]!));
  return names;
}

const decodeName = (raw: string) =>
  raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

function verdictOf(names: Set<string>): PdfVerdict {
  for (const [name, verdict] of Object.entries(activeNames)) if (names.has(name)) return verdict;
  return "ok";
}

/**
 * Checks a PDF: the names above anywhere in the file (every incremental update included), then what each
 * `/OpenAction` and `/AA` (additional actions: on opening a page, focusing a field, closing) leads to, following
 * indirect objects and `/Next` chains, inside compressed object streams too (where PDF 1.5 and later may keep
 * the dictionaries). An `/OpenAction` that only sets the opening view (a destination) is fine. An encrypted PDF,
 * an object stream that cannot be expanded, or syntax nested past reason cannot be checked.
 */
export async function checkPdf(bytes: Buffer): Promise<PdfVerdict> {
  const text = bytes.toString("latin1");
  const names = namesIn(text);
  const found = verdictOf(names);
  if (found !== "ok") return found;
  if (names.has("Encrypt")) return "unchecked";

  const objects = new Objects();
  try {
    objects.readFrom(text);
    if (names.has("ObjStm")) {
      const streams = await objectStreams(text);
      if (streams === undefined) return "unchecked";
      for (const stream of streams) {
        const inside = verdictOf(namesIn(stream.text));
        if (inside !== "ok") return inside;
        objects.readFromStream(stream);
      }
    }
    return objects.automaticActions();
  } catch (error) {
    if (error instanceof Unreadable) return "unchecked";
    throw error;
  }
}

/* ------------------------------- reading objects ------------------------------- */

/** A PDF value, as far as the check needs it: dictionaries, arrays, names, numbers and references. */
type Value =
  | { kind: "dict"; entries: Map<string, Value> }
  | { kind: "array"; items: Value[] }
  | { kind: "name"; name: string }
  | { kind: "number"; value: number }
  | { kind: "ref"; id: number }
  | { kind: "other" };

class Unreadable extends Error {}

const whitespace = /[\0\t\n\f\r ]/;
const delimiter = /[\0\t\n\f\r ()<>[\]{}/%]/;

/** Reads PDF values from text, starting at `at`. */
class Reader {
  constructor(
    private readonly text: string,
    public at: number,
  ) {}

  private skipSpace(): void {
    const { text } = this;
    while (this.at < text.length) {
      if (whitespace.test(text[this.at]!)) this.at++;
      else if (text[this.at] === "%")
        while (this.at < text.length && text[this.at] !== "\n" && text[this.at] !== "\r") this.at++;
      else break;
    }
  }

  private word(): string {
    const start = this.at;
    while (this.at < this.text.length && !delimiter.test(this.text[this.at]!)) this.at++;
    return this.text.slice(start, this.at);
  }

  value(depth = 0): Value {
    if (depth > maxDepth) throw new Unreadable();
    this.skipSpace();
    const { text } = this;
    const char = text[this.at];
    if (char === undefined) return { kind: "other" };
    if (text.startsWith("<<", this.at)) {
      this.at += 2;
      const entries = new Map<string, Value>();
      for (;;) {
        this.skipSpace();
        if (this.at >= text.length) throw new Unreadable();
        if (text.startsWith(">>", this.at)) {
          this.at += 2;
          return { kind: "dict", entries };
        }
        const key = this.value(depth + 1);
        const value = this.value(depth + 1);
        if (key.kind === "name") entries.set(key.name, value);
      }
    }
    if (char === "[") {
      this.at++;
      const items: Value[] = [];
      for (;;) {
        this.skipSpace();
        if (this.at >= text.length) throw new Unreadable();
        if (text[this.at] === "]") {
          this.at++;
          return { kind: "array", items };
        }
        items.push(this.value(depth + 1));
      }
    }
    if (char === "/") {
      this.at++;
      return { kind: "name", name: decodeName(this.word()) };
    }
    if (char === "(") return this.literalString();
    if (char === "<") {
      const end = text.indexOf(">", this.at);
      if (end < 0) throw new Unreadable();
      this.at = end + 1;
      return { kind: "other" };
    }
    if (/[+\-.\d]/.test(char)) return this.numberOrReference();
    // A keyword (true, false, null, or something only a broken file holds); a lone delimiter is stepped over.
    if (this.word() === "") this.at++;
    return { kind: "other" };
  }

  private literalString(): Value {
    const { text } = this;
    let open = 0;
    for (; this.at < text.length; this.at++) {
      const char = text[this.at];
      if (char === "\\") this.at++;
      else if (char === "(") open++;
      else if (char === ")" && --open === 0) {
        this.at++;
        return { kind: "other" };
      }
    }
    throw new Unreadable();
  }

  /** A number, or `<id> <generation> R`: a reference to an indirect object. */
  private numberOrReference(): Value {
    const value = Number(this.word());
    const reference = /^[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+R(?=[\0\t\n\f\r ()<>[\]{}/%]|$)/.exec(
      this.text.slice(this.at, this.at + 32),
    );
    if (reference && Number.isInteger(value)) {
      this.at += reference[0].length;
      return { kind: "ref", id: value };
    }
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "other" };
  }
}

interface ObjectStream {
  text: string;
  /** How many objects it holds, and where the first starts (after the header of ids and offsets). */
  count: number;
  first: number;
}

/** Every compressed object stream's text, or undefined when one cannot be expanded. */
async function objectStreams(text: string): Promise<ObjectStream[] | undefined> {
  const streams: ObjectStream[] = [];
  for (const match of text.matchAll(/\bobj\b((?:(?!\bobj\b)[\s\S])*?)\bstream\r?\n/g)) {
    const dictionary = new Reader(match[1]!, 0).value();
    if (dictionary.kind !== "dict" || !isName(dictionary.entries.get("Type"), "ObjStm")) continue;
    const dataStart = match.index + match[0].length;
    const dataEnd = text.indexOf("endstream", dataStart);
    if (dataEnd < 0) return undefined;
    const filters = namesIn(match[1]!);
    if (!filters.has("FlateDecode") || filters.has("DecodeParms") || filters.has("ASCIIHexDecode")) return undefined;
    const expanded = await expandObjectStream(Buffer.from(text.slice(dataStart, dataEnd), "latin1"));
    if (expanded === undefined) return undefined;
    const count = dictionary.entries.get("N");
    const first = dictionary.entries.get("First");
    if (count?.kind !== "number" || first?.kind !== "number") return undefined;
    streams.push({ text: expanded, count: count.value, first: first.value });
  }
  // An object stream named but not found where it should be was not checked.
  return streams.length > 0 ? streams : undefined;
}

/** An object stream's text, or undefined when it cannot be expanded within the limit. */
async function expandObjectStream(data: Buffer): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const complete = await new Promise<boolean>((resolve, reject) => {
      // A stream cut short still yields what it holds, instead of an error.
      const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
      inflate.on("data", (chunk: Buffer) => {
        total += chunk.length;
        chunks.push(chunk);
        if (total > maxObjectStreamBytes) {
          inflate.destroy();
          resolve(false);
        }
      });
      inflate.on("end", () => resolve(true));
      inflate.on("error", reject);
      inflate.end(data);
    });
    return complete ? Buffer.concat(chunks).toString("latin1") : undefined;
  } catch {
    return undefined;
  }
}

const isName = (value: Value | undefined, name: string) => value?.kind === "name" && value.name === name;

/**
 * The file's indirect objects. Every definition of an id is kept, not only the one a reader would pick (the
 * last update, or what the cross-reference table says): an action in any of them refuses the file, so no
 * trick with updates or tables can hide one.
 */
class Objects {
  private readonly byId = new Map<number, Value[]>();
  /** Values outside any object: the trailers. */
  private readonly loose: Value[] = [];

  private add(id: number, value: Value): void {
    const versions = this.byId.get(id) ?? [];
    versions.push(value);
    this.byId.set(id, versions);
  }

  readFrom(text: string): void {
    for (const match of text.matchAll(/(\d+)[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b/g)) {
      this.add(Number(match[1]), new Reader(text, match.index + match[0].length).value());
    }
    for (const match of text.matchAll(/\btrailer\b/g)) {
      this.loose.push(new Reader(text, match.index + match[0].length).value());
    }
  }

  /** The objects of an object stream: a header of `<id> <offset>` pairs, then the values. */
  readFromStream({ text, count, first }: ObjectStream): void {
    const header = text
      .slice(0, first)
      .trim()
      .split(/[\0\t\n\f\r ]+/)
      .map(Number);
    for (let index = 0; index < count && 2 * index + 1 < header.length; index++) {
      const [id, offset] = [header[2 * index]!, header[2 * index + 1]!];
      if (!Number.isInteger(id) || !Number.isInteger(offset)) throw new Unreadable();
      this.add(id, new Reader(text, first + offset).value());
    }
  }

  /** What the document's automatic actions (`/OpenAction`, every `/AA`) would do: "action" if any calls out. */
  automaticActions(): PdfVerdict {
    const values = [...this.loose, ...[...this.byId.values()].flat()];
    for (const value of values) if (this.findsAutomatic(value, 0)) return "action";
    return "ok";
  }

  private findsAutomatic(value: Value, depth: number): boolean {
    if (depth > maxDepth) throw new Unreadable();
    if (value.kind === "array") return value.items.some((item) => this.findsAutomatic(item, depth + 1));
    if (value.kind !== "dict") return false;
    const open = value.entries.get("OpenAction");
    if (open && this.callsOut(open, new Set(), 0)) return true;
    const additional = value.entries.get("AA");
    if (additional) {
      for (const triggers of this.resolve(additional)) {
        if (triggers.kind !== "dict") continue;
        for (const action of triggers.entries.values()) if (this.callsOut(action, new Set(), 0)) return true;
      }
    }
    return [...value.entries.values()].some((inner) => this.findsAutomatic(inner, depth + 1));
  }

  /** Every value a reference may stand for (each definition of the object), or the value itself. */
  private resolve(value: Value): Value[] {
    return value.kind === "ref" ? (this.byId.get(value.id) ?? []) : [value];
  }

  /**
   * Whether an action, or one chained after it with `/Next` (an action or an array of them), calls out. A
   * destination (an array naming a page and a view: what an `/OpenAction` that only sets the view holds) is no
   * action; showing its page runs only the page's own `/AA`, which is checked where the page is defined.
   */
  private callsOut(value: Value, seen: Set<number>, depth: number): boolean {
    if (depth > maxDepth) throw new Unreadable();
    if (value.kind === "ref") {
      if (seen.has(value.id)) return false;
      seen.add(value.id);
      return this.resolve(value).some((resolved) => this.callsOut(resolved, seen, depth + 1));
    }
    if (value.kind !== "dict") return false;
    const type = value.entries.get("S");
    if (type?.kind === "name" && actionsThatCallOut.has(type.name)) return true;
    const next = value.entries.get("Next");
    const chained = next?.kind === "array" ? next.items : next ? [next] : [];
    return chained.some((action) => this.callsOut(action, seen, depth + 1));
  }
}
