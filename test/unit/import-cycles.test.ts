import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Walks every import and re-export of every source file in packages/ (type-only ones too: they tie modules as
 * much for a reader) resolved as the type checker resolves them, and finds the cycles. A cycle makes load order
 * decide what is still undefined when a module runs, and ties modules that should be understood one at a time.
 */
const SOURCE = /\.(ts|tsx)$/;
const NOT_SOURCE = /\.test\.(ts|tsx)$|\.d\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name) ? [path] : [];
  });
}

function importGraph(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    "tsconfig.json",
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  const options = config!.options;
  const graph = new Map<string, string[]>();
  for (const file of ["core", "functions", "local"].flatMap((pkg) => sourceFiles(`packages/${pkg}/src`))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) return [];
      const path = relative(process.cwd(), ts.sys.realpath!(resolved.resolvedFileName));
      return path.startsWith("packages/") ? [path] : [];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components: every component of more than one file (or a file importing itself) is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return found;
}

describe("imports in packages/", () => {
  it("form no cycle", () => {
    expect(cycles(importGraph())).toEqual([]);
  });

  it("never lead from core to functions or local", () => {
    const graph = importGraph();
    const outward = [...graph].flatMap(([file, targets]) =>
      file.startsWith("packages/core/")
        ? targets.filter((target) => !target.startsWith("packages/core/")).map((target) => `${file} -> ${target}`)
        : [],
    );
    expect(outward).toEqual([]);
  });
});
