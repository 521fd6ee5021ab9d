import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkZip, csvFormulaCells } from "./content.js";

/** A one-entry deflated zip whose headers say what `declared` says, not what the data holds. */
function zipDeclaring(data: Buffer, declared: number, copies = 1): Buffer {
  const packed = deflateRawSync(data);
  const name = Buffer.from("a.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const centrals: Buffer[] = [];
  // Every central entry may point at the same local entry: overlapping files, a bomb without nesting.
  for (let index = 0; index < copies; index++) {
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(copies, 8);
  end.writeUInt16LE(copies, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(30 + name.length + packed.length, 16);
  return Buffer.concat([local, name, packed, directory, end]);
}

describe("checkZip", () => {
  it("takes an archive whose entries expand as declared", async () => {
    const xml = Buffer.from("<row><c>1200</c></row>".repeat(50));
    expect(await checkZip(zipDeclaring(xml, xml.length))).toBe("ok");
  });

  it("finds a bomb that declares a small size but expands past it", async () => {
    expect(await checkZip(zipDeclaring(Buffer.alloc(1_000_000), 1_000))).toBe("bomb");
  });

  it("finds a bomb made of entries that share the same data", async () => {
    const xml = Buffer.from("<row/>".repeat(10));
    expect(await checkZip(zipDeclaring(xml, xml.length, 3))).toBe("bomb");
  });

  it("calls what is not a zip unreadable", async () => {
    expect(await checkZip(Buffer.from("MZ not a zip at all"))).toBe("unreadable");
  });
});

describe("csvFormulaCells", () => {
  it("counts cells a spreadsheet would run, quoted or not, and names the first", () => {
    expect(csvFormulaCells('item;amount\nok;1\n"=HYPERLINK(""x"")";2\nx;@SUM(A1)\n')).toEqual({
      cells: 2,
      first: "A3",
    });
    expect(csvFormulaCells('a,b\nx,"\tcmd"\n')).toEqual({ cells: 1, first: "B2" });
  });

  it("leaves plain numbers, negative or signed, alone", () => {
    expect(csvFormulaCells("item,amount\nrefund,-300\nextra,+1 200.50\nshare,-5%\n")).toBeUndefined();
  });
});
