// Helpers that build real package trees on disk for the discovery tests.
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A symlink to create, its target relative to the link's folder (or absolute). */
export interface Link {
  readonly symlink: string;
}

/** File contents by path relative to the tree root: text, a JSON value, or a symlink. */
export type Tree = Record<string, string | Link | JsonObject>;

/** A JSON object written with `JSON.stringify`. */
export interface JsonObject {
  readonly [key: string]: unknown;
}

const roots: string[] = [];

/** Creates a fresh temp folder (its real path) holding `tree`. */
export async function makeTree(tree: Tree): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "hooksmith-discovery-")));
  roots.push(root);
  await writeTree(root, tree);
  return root;
}

/** Writes `tree` under `root`; folders are created as needed. */
export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [path, content] of Object.entries(tree)) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === "string") {
      await writeFile(target, content);
    } else if (isLink(content)) {
      await symlink(content.symlink, target, "dir");
    } else {
      await writeFile(target, `${JSON.stringify(content, null, 2)}\n`);
    }
  }
}

/** Removes every tree made by {@link makeTree}. */
export async function removeTrees(): Promise<void> {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}

/**
 * The source of an ES module plugin that logs its evaluation in `globalThis.hooksmithLoadLog`
 * (so tests can tell whether and in which order modules were imported) and exports `id`.
 */
export function esmPlugin(id: string, extra = ""): string {
  return `(globalThis.hooksmithLoadLog ??= []).push(${JSON.stringify(id)});\nexport const id = ${JSON.stringify(id)};\n${extra}`;
}

/** The source of a CommonJS plugin, like {@link esmPlugin}. */
export function cjsPlugin(id: string): string {
  return `(globalThis.hooksmithLoadLog ??= []).push(${JSON.stringify(id)});\nexports.id = ${JSON.stringify(id)};\n`;
}

/** The modules evaluated since the last {@link resetLoadLog}, in order. */
export function loadLog(): string[] {
  return [...((globalThis as { hooksmithLoadLog?: string[] }).hooksmithLoadLog ?? [])];
}

/** Empties the evaluation log. */
export function resetLoadLog(): void {
  (globalThis as { hooksmithLoadLog?: string[] }).hooksmithLoadLog = [];
}

/** A package.json for an installed plugin package declaring `entries` in `group`. */
export function pluginPackage(
  name: string,
  entries: Record<string, unknown>,
  extra: JsonObject = {},
  group = "example",
): JsonObject {
  return { name, version: "1.0.0", type: "module", entryPoints: { [group]: entries }, ...extra };
}

function isLink(value: Link | JsonObject): value is Link {
  return typeof (value as { symlink?: unknown }).symlink === "string" && Object.keys(value).length === 1;
}
