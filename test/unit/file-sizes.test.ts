import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Keeps source files small enough to read in one sitting: none over 400 lines, unless its first comment says why
 * its size is earned (by naming the limit: "over 400 lines"). Tests, type declarations, language catalogs and seed
 * data are not counted: their length is their content.
 */
const LIMIT = 400;
const ROOTS = [
  "packages/core/src",
  "packages/functions/src",
  "packages/local/src",
  "infra",
  "stacks",
  "scripts",
  "bench",
];
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const NOT_COUNTED = /\.test\.(ts|tsx)$|\.d\.ts$|\/i18n\/|\/seed\//;

function sourceFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return SOURCE.test(path) && !NOT_COUNTED.test(path) ? [path] : [];
  return readdirSync(path)
    .filter((name) => name !== "node_modules")
    .flatMap((name) => sourceFiles(join(path, name)));
}

/** The file's first comment: a block comment, or a run of line comments. */
function firstComment(text: string): string {
  const match = /\/\*[\s\S]*?\*\/|(?:^[ \t]*\/\/.*\n?)+/m.exec(text);
  return match?.[0] ?? "";
}

const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

describe("source files", () => {
  const files = [...ROOTS.flatMap(sourceFiles), "sst.config.ts"];

  it("are found where the code lives", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("packages/core/src/stage/plan.ts");
  });

  it(`are at most ${LIMIT} lines, or say in their first comment why more is earned`, () => {
    const tooLong = files
      .map((file) => ({ file, text: readFileSync(file, "utf8") }))
      .filter(({ text }) => lineCount(text) > LIMIT && !/over 400 lines/i.test(firstComment(text)))
      .map(({ file, text }) => `${file}: ${lineCount(text)} lines`);
    expect(tooLong).toEqual([]);
  });

  it("count a file's lines as an editor shows them", () => {
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\nb")).toBe(2);
    expect(firstComment('import x from "y";\n// one\n// two\nconst a = 1;\n')).toBe("// one\n// two\n");
  });
});
