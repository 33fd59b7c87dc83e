// Discovery: loading the entry points of a tree of 1,000 installed packages.

import { readdirSync, readFileSync, realpathSync, type Dirent } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PluginManager } from "../../src/index.ts";
import { generatePackages } from "../fixtures/generate-packages.ts";
import { expectValue, type BenchCase, type PreparedCase } from "../harness.ts";

interface FoundPackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: {
    readonly exports?: Record<string, unknown>;
    readonly entryPoints?: Record<string, Record<string, string>>;
  };
}

function listDirectory(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * The hand-written baseline of `loadEntrypoints`: walks the `node_modules` folders of `cwd` and its
 * ancestors (scoped packages included, the nearest copy of a name winning, links followed),
 * parses the package.json files that mention the group, resolves each entry point (a file of the
 * package, or a subpath of its own `exports`) and imports it; every module is kept in a map by
 * entry point name, in package then entry name order.
 */
async function loadEntrypointsBaseline(cwd: string, group: string): Promise<number> {
  const seen = new Set<string>();
  const found: FoundPackage[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    const folder = join(dir, "node_modules");
    for (const entry of listDirectory(folder)) {
      if (entry.name.startsWith(".")) continue;
      const members = entry.name.startsWith("@")
        ? listDirectory(join(folder, entry.name)).map((inner) => ({ name: `${entry.name}/${inner.name}`, entry: inner }))
        : [{ name: entry.name, entry }];
      for (const member of members) {
        if (seen.has(member.name)) continue;
        seen.add(member.name);
        const path = join(folder, member.name);
        const packageDir = member.entry.isSymbolicLink() ? realpathSync(path) : path;
        let text: string;
        try {
          text = readFileSync(join(packageDir, "package.json"), "utf8");
        } catch {
          continue;
        }
        if (!text.includes(group)) continue;
        const manifest = JSON.parse(text) as FoundPackage["manifest"];
        if (manifest.entryPoints?.[group] !== undefined) found.push({ name: member.name, dir: packageDir, manifest });
      }
    }
    if (dirname(dir) === dir) break;
  }
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const modules = new Map<string, unknown>();
  for (const pkg of found) {
    const entries = Object.entries(pkg.manifest.entryPoints![group]!).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, target] of entries) {
      if (modules.has(name)) continue;
      const relative = target.startsWith(".") ? target : (pkg.manifest.exports?.[`.${target.slice(pkg.name.length)}`] as string);
      modules.set(name, await import(pathToFileURL(join(pkg.dir, relative)).href));
    }
  }
  return modules.size;
}

/**
 * `new PluginManager(...).loadEntrypoints(group, undefined, { cwd })` over a generated tree of
 * `count` installed packages (bench/fixtures/generate-packages.ts), beside the hand-written
 * {@link loadEntrypointsBaseline}. Modules stay in Node's module cache after the first operation,
 * so an operation measures the discovery, the `import()` calls and the registrations.
 *
 * @param count - The number of installed packages.
 * @returns The case.
 */
// The repository (hooksmith's package root), which the benchmark's bundle of the sources belongs to.
function repositoryRoot(): string {
  const benchDir = process.env["HOOKSMITH_BENCH_DIR"] ?? join(dirname(fileURLToPath(import.meta.url)), "..");
  return dirname(benchDir);
}

export function discoveryCase(count: number): BenchCase {
  return {
    name: `discovery, ${count.toLocaleString("en-US")} installed packages`,
    async prepare(): Promise<PreparedCase> {
      const tree = await generatePackages({ count });
      // The host's own hooksmith, installed where the project's packages and its workspace links
      // find it, as in any host's project. Without it, each workspace plugin would need hooksmith's
      // module hooks, which would then slow every import() of the process, the baseline's too.
      const modules = join(dirname(tree.cwd), "node_modules");
      await mkdir(modules, { recursive: true });
      await symlink(repositoryRoot(), join(modules, "hooksmith"), "dir");
      const expected = expectValue(tree.entrypointCount);
      return {
        subjects: [
          {
            subject: "hooksmith",
            async: true,
            run: () => new PluginManager(tree.group).loadEntrypoints(tree.group, undefined, { cwd: tree.cwd }),
            verify: expected,
          },
          { subject: "baseline", async: true, run: () => loadEntrypointsBaseline(tree.cwd, tree.group), verify: expected },
        ],
        dispose: () => tree.remove(),
      };
    },
  };
}
