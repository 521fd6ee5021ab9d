import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A doc that names a file or a script that is gone sends a newcomer looking for it; this keeps the names true.
const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

function markdownUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

const docs = ["README.md", ...markdownUnder("docs")].map((path) => ({
  path,
  text: readFileSync(join(root, path), "utf8"),
}));
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: object }).scripts,
);

// A path from the repository's root: one of its top folders, not inside a longer name, URL or package import.
const rootPath = /(?<![\w./@-])(?:packages|test|bench|scripts|infra|stacks|docs)\/[\w./@[\]<>*{}…-]*/g;
// Skipped: a path that stands for many (a glob, a placeholder such as `<id>`, braces) or is cut short (`test/...`).
const standsForMany = /[<>*{}…]|\.\.\./;

/** Each root path a doc names, with the doc. */
const namedPaths = docs.flatMap(({ path: doc, text }) =>
  [...text.matchAll(rootPath)]
    .map(([found]) => found.replace(/[.,:;)]+$/, ""))
    .filter((path) => !standsForMany.test(path))
    .map((path) => ({ doc, path })),
);

/** Each relative markdown link target, as `doc: target`, that is not on disk (web links and anchors aside). */
function missingLinks(): string[] {
  return docs.flatMap(({ path: doc, text }) =>
    [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => target!.split("#")[0]!)
      .filter((target) => target !== "" && !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(join(root, dirname(doc), target)))
      .map((target) => `${doc}: ${target}`),
  );
}

// npm's own commands: not scripts of ours. Anything else after `npm` is a script (`npm test`, `npm start`).
const npmCommands = new Set(["ci", "install", "i", "exec", "x", "uninstall", "update", "ls", "audit", "view", "init"]);

/** Each `npm run <script>` or `npm <script>` in a doc's code (inline or fenced), with the doc. */
const namedScripts = docs.flatMap(({ path: doc, text }) => {
  const code = [...text.matchAll(/```[\s\S]*?```|`[^`\n]+`/g)].map(([span]) => span).join("\n");
  return [...code.matchAll(/\bnpm (?:run )?([\w:-]+)/g)]
    .map(([found, name]) => ({ doc, name: name!, run: found.startsWith("npm run ") }))
    .filter(({ name, run }) => run || !npmCommands.has(name));
});

describe("the docs name only what exists", () => {
  it("reads README.md and every markdown file under docs/", () => {
    expect(docs.map(({ path }) => path)).toEqual(expect.arrayContaining(["README.md", "docs/architecture.md"]));
  });

  it("every file or folder path from the repository's root named in them is on disk", () => {
    // The reading finds the paths the docs are known to name, so an empty list below means something.
    expect(namedPaths.map(({ path }) => path)).toEqual(
      expect.arrayContaining(["packages/core/src/call/call.test.ts", "infra/decision-clock.ts"]),
    );
    expect(
      namedPaths.filter(({ path }) => !existsSync(join(root, path))).map(({ doc, path }) => `${doc}: ${path}`),
    ).toEqual([]);
  });

  it("every relative link in them points at a file on disk", () => {
    expect(missingLinks()).toEqual([]);
  });

  it("every npm script they tell you to run is in package.json", () => {
    expect(namedScripts.map(({ name }) => name)).toEqual(expect.arrayContaining(["test", "start", "bench", "openapi"]));
    expect(
      namedScripts.filter(({ name }) => !scripts.includes(name)).map(({ doc, name }) => `${doc}: ${name}`),
    ).toEqual([]);
  });
});
