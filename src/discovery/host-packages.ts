// Gives plugin files the host's own copy of hooksmith (and of the host packages a host names):
// a plugin file outside node_modules, such as a scaffold in a temporary folder passed to
// `--import-plugin`, resolves `hooksmith` from the host rather than from its own folder, where it
// is usually not installed, or installed as a second copy whose classes are not the host's.
//
// Node 20 has no synchronous in-thread resolution hook (module.registerHooks came in 22.15), so
// there are two halves:
// - ES modules: resolve hooks registered with module.register() (they run on Node's hooks
//   thread). A plugin is imported through a `hooksmith-host:` specifier carrying its file and
//   what it shares; the hooks resolve it to the file's own URL (same module, same identity) and
//   remember it and the files it reaches by relative imports as the plugin's scope. A shared
//   specifier imported from that scope is resolved as if imported from the host.
// - CommonJS (a `.cjs` plugin, or a `.ts` file that tsx compiles to CommonJS because no
//   package.json says `"type": "module"`): `require` does not go through those hooks on Node 20,
//   so Module._resolveFilename is wrapped, as tsx and most require hooks do, for the same scope.
import Module, { createRequire, register } from "node:module";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDirectory, isFile } from "./resolve-package.ts";

/** What the modules of a plugin file get from the host. @internal */
export interface HostShare {
  /** Packages besides hooksmith that plugin files get from the host, by name. */
  readonly packages: readonly string[];
  /** The URL of the host module those packages are resolved from. */
  readonly hostUrl: string;
}

/** The name plugin files import hooksmith by. */
const ownName = "hooksmith";

/** The prefix of the specifiers that carry a plugin file and its share to the resolve hooks. */
const specifierPrefix = "hooksmith-host:";

/**
 * Returns the specifier to import the plugin file `fileUrl` (a `file:` URL, or the specifier tsx
 * is given for it) with, so that its modules get `share` from the host, and prepares both module
 * systems for it.
 *
 * @param file - The real path of the plugin file.
 * @param target - What the resolve hooks resolve the file as (usually its `file:` URL).
 * @param share - What it shares with the host.
 * @returns A `hooksmith-host:` specifier.
 * @internal
 */
export function hostSharingSpecifier(file: string, target: string, share: HostShare): string {
  const config = configOf(share);
  // A plugin whose folder already resolves the host's copies needs no redirection: hooks
  // registered with module.register() stay for the life of the process and put every later
  // import() of the host on Node's hooks thread, about twice as slow.
  if (resolvesHostCopies(file, config)) return target;
  // Where module hooks cannot be registered (Node's permission model without --allow-worker, a
  // runtime without module.register), the plugin is imported as it is, resolving its own copy.
  if (!ensureHooks()) return target;
  ensureRequireRedirect();
  cjsScope.addRoot(file, config);
  return `${specifierPrefix}${encodeURIComponent(JSON.stringify({ target, config }))}`;
}

/**
 * Prepares `require` so that the CommonJS plugin file `file` and the files it requires get
 * `share` from the host.
 *
 * @param file - The real path of the plugin file.
 * @param share - What it shares with the host.
 * @internal
 */
export function shareWithRequire(file: string, share: HostShare): void {
  const config = configOf(share);
  if (resolvesHostCopies(file, config)) return;
  ensureRequireRedirect();
  cjsScope.addRoot(file, config);
}

/**
 * Whether the module hooks are installed in this process (they are only when a plugin file needed
 * them). For tests.
 *
 * @internal
 */
export function moduleHooksInstalled(): boolean {
  return hooksRegistered;
}

/**
 * Places hooksmith's resolve hooks and `require` redirect outermost again, after another loader
 * (tsx) registered its own: a loader that runs first would resolve a shared specifier as the
 * plugin's own (and tsx would also give it a namespaced copy).
 *
 * @internal
 */
export function afterLoaderRegistered(): void {
  if (hooksRegistered) {
    hooksRegistered = false;
    ensureHooks();
  }
  if (redirecting !== undefined) ensureRequireRedirect();
}

/**
 * The default URL host packages are resolved from: the process's main script, or the working
 * directory when there is none (a REPL, `node -e`).
 *
 * @internal
 */
export function defaultHostUrl(): string {
  const main = process.argv[1];
  if (main !== undefined && isAbsolute(main)) return pathToFileURL(main).href;
  return pathToFileURL(`${process.cwd()}${sep}`).href;
}

/**
 * The URL of a `hostModule` option: a `file:` URL as given, a path made absolute; a path naming a
 * folder resolves from inside it.
 *
 * @internal
 */
export function hostUrlOf(hostModule: string | URL): string {
  if (hostModule instanceof URL) return hostModule.href;
  if (hostModule.startsWith("file:")) return new URL(hostModule).href;
  const path = resolve(hostModule);
  return pathToFileURL(isDirectory(path) ? `${path}${sep}` : path).href;
}

// --- internal helpers ---

/** One shared package: where it is resolved from, and how its copy is checked. */
interface SharedPackage {
  readonly name: string;
  /** The URL the package is resolved from. */
  readonly base: string;
  /**
   * For hooksmith itself: the folder its modules are in. Resolving `hooksmith` from `base` (its
   * own module, by package self-reference) must land inside it, or the running copy cannot be
   * named (a bundled host, or sources run without a loader mapping `hooksmith` to them) and the
   * plugin resolves hooksmith as it would on its own.
   */
  readonly within?: string;
}

/** What one plugin scope shares; serialised into the specifier, so it also names the scope. */
interface ShareConfig {
  readonly shared: readonly SharedPackage[];
}

function configOf(share: HostShare): ShareConfig {
  const own: SharedPackage = { name: ownName, base: import.meta.url, within: new URL("../", import.meta.url).href };
  const others = [...new Set(share.packages)]
    .filter((name) => name !== ownName)
    .sort()
    .map((name): SharedPackage => ({ name, base: share.hostUrl }));
  return { shared: [own, ...others] };
}

function sharedPackageOf(config: ShareConfig, specifier: string): SharedPackage | undefined {
  return config.shared.find((shared) => specifier === shared.name || specifier.startsWith(`${shared.name}/`));
}

/**
 * Whether `path` has a `node_modules` folder among its segments.
 *
 * @internal
 */
export function isInsideNodeModules(path: string): boolean {
  return path.split(/[/\\]/).includes("node_modules");
}

// Whether a bare import of each shared package from the folder of `file` already lands in the
// package folder the host uses: the first node_modules/<name> up from each folder, compared by
// real path. Only then is the redirection skipped; a package the host or the plugin cannot find
// this way (a bundled host, a scaffold without node_modules) keeps it.
function resolvesHostCopies(file: string, config: ShareConfig): boolean {
  for (const shared of config.shared) {
    const host = shared.within !== undefined ? ownPackage() : hostPackageOf(shared);
    if (host === undefined || installedPackage(dirname(file), shared.name) !== host) return false;
  }
  return true;
}

// The folder a shared package is installed in for the host: found from the folder of its base,
// a `file:` URL (the folder itself when the URL names one); other URLs have no folder.
function hostPackageOf(shared: SharedPackage): string | undefined {
  if (!shared.base.startsWith("file:")) return undefined;
  const path = fileURLToPath(shared.base);
  return installedPackage(shared.base.endsWith("/") ? path : dirname(path), shared.name);
}

// The real path of node_modules/<name> in `folder` or the nearest of its ancestors that has one.
function installedPackage(folder: string, name: string): string | undefined {
  for (let current = folder; ;) {
    if (!current.endsWith(`${sep}node_modules`)) {
      const candidate = join(current, "node_modules", name);
      if (isFile(join(candidate, "package.json"))) return realPathOf(candidate);
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

// The real path of the package this module belongs to, when it is hooksmith (not a bundle).
let ownPackageFolder: string | null | undefined;
function ownPackage(): string | undefined {
  if (ownPackageFolder === undefined) {
    ownPackageFolder = null;
    // Loaded from anything but a file (a bundle served over https: to Deno), it has no folder.
    const own = import.meta.url.startsWith("file:") ? dirname(fileURLToPath(import.meta.url)) : undefined;
    for (let current = own; current !== undefined;) {
      const manifest = join(current, "package.json");
      if (isFile(manifest)) {
        if (packageNameOf(manifest) === ownName) ownPackageFolder = realPathOf(current) ?? null;
        break;
      }
      const parent = dirname(current);
      current = parent === current ? undefined : parent;
    }
  }
  return ownPackageFolder ?? undefined;
}

function packageNameOf(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

let hooksRegistered = false;

function ensureHooks(): boolean {
  if (hooksRegistered) return true;
  if (hooksUnavailable) return false;
  try {
    register(`data:text/javascript;base64,${Buffer.from(resolveHooksSource).toString("base64")}`);
  } catch {
    hooksUnavailable = true;
    return false;
  }
  hooksRegistered = true;
  return true;
}

// Set when registering the resolve hooks failed once: they are not tried again.
let hooksUnavailable = false;

// The resolve hooks, run on Node's hooks thread, where nothing of this module exists: a module of
// its own, in plain JavaScript, loaded from a data: URL so that it works from the sources, the
// compiled package and a bundled host alike. The scope lives on that thread: roots (the plugin
// file and its folder) come with each `hooksmith-host:` specifier, and every file a module of the
// scope resolves to outside node_modules joins it.
const resolveHooksSource = `
const prefix = ${JSON.stringify(specifierPrefix)};
const files = new Map();
const folders = new Map();
const ownCopy = new Map();

function plain(url) {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function outsideNodeModules(url) {
  return url.startsWith("file:") && !new URL(url).pathname.split("/").includes("node_modules");
}

function scopeOf(parentURL) {
  if (typeof parentURL !== "string" || !parentURL.startsWith("file:")) return undefined;
  const key = plain(parentURL);
  const config = files.get(key);
  if (config !== undefined) return config;
  let best;
  for (const [folder, candidate] of folders) {
    if (key.startsWith(folder) && outsideNodeModules(key) && (best === undefined || folder.length > best[0].length)) {
      best = [folder, candidate];
    }
  }
  return best?.[1];
}

async function isOwnCopy(shared, context, nextResolve) {
  let answer = ownCopy.get(shared.base);
  if (answer === undefined) {
    try {
      const { url } = await nextResolve(shared.name, { ...context, parentURL: shared.base });
      answer = url.startsWith(shared.within) && !url.slice(shared.within.length).split("/").includes("node_modules");
    } catch {
      answer = false;
    }
    ownCopy.set(shared.base, answer);
  }
  return answer;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier.startsWith(prefix)) {
    const { target, config } = JSON.parse(decodeURIComponent(specifier.slice(prefix.length)));
    const result = await nextResolve(target, context);
    const file = plain(result.url);
    files.set(file, config);
    folders.set(file.slice(0, file.lastIndexOf("/") + 1), config);
    return result;
  }
  const config = scopeOf(context.parentURL);
  if (config === undefined) return nextResolve(specifier, context);
  const shared = config.shared.find((entry) => specifier === entry.name || specifier.startsWith(entry.name + "/"));
  if (shared !== undefined && (shared.within === undefined || (await isOwnCopy(shared, context, nextResolve)))) {
    return nextResolve(specifier, { ...context, parentURL: shared.base });
  }
  const result = await nextResolve(specifier, context);
  if (outsideNodeModules(result.url) && !files.has(plain(result.url))) files.set(plain(result.url), config);
  return result;
}
`;

/** The same scope for `require`, on the main thread. */
class RequireScope {
  readonly #files = new Map<string, ShareConfig>();
  readonly #folders = new Map<string, ShareConfig>();

  addRoot(file: string, config: ShareConfig): void {
    this.#files.set(file, config);
    this.#folders.set(`${dirname(file)}${sep}`, config);
  }

  add(file: string, config: ShareConfig): void {
    if (!this.#files.has(file)) this.#files.set(file, config);
  }

  of(file: string): ShareConfig | undefined {
    const found = this.#files.get(file);
    if (found !== undefined) return found;
    let best: [string, ShareConfig] | undefined;
    for (const entry of this.#folders) {
      if (file.startsWith(entry[0]) && !isInsideNodeModules(file) && (best === undefined || entry[0].length > best[0].length)) {
        best = entry;
      }
    }
    return best?.[1];
  }
}

const cjsScope = new RequireScope();

type ResolveFilename = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

interface ModuleInternals {
  _resolveFilename: ResolveFilename;
}

const internals = Module as unknown as ModuleInternals;
let redirecting: ResolveFilename | undefined;
const ownCopyForRequire = new Map<string, boolean>();

function ensureRequireRedirect(): void {
  if (redirecting !== undefined && internals._resolveFilename === redirecting) return;
  const next = internals._resolveFilename;
  const redirect: ResolveFilename = function (this: unknown, request, parent, ...rest) {
    // tsx names the modules it compiles `file.ts?namespace=…`.
    const parentFile = parent?.filename?.replace(/\?.*$/, "");
    const config = typeof parentFile === "string" && isAbsolute(parentFile) ? cjsScope.of(parentFile) : undefined;
    if (config === undefined) return next.call(this, request, parent, ...rest);
    const shared = sharedPackageOf(config, request);
    if (shared !== undefined && isOwnCopyForRequire(shared)) {
      return createRequire(shared.base).resolve(request);
    }
    const resolved = next.call(this, request, parent, ...rest);
    const file = resolved.replace(/\?.*$/, "");
    if (isAbsolute(file) && !isInsideNodeModules(file)) cjsScope.add(file, config);
    return resolved;
  };
  redirecting = redirect;
  internals._resolveFilename = redirect;
}

function isOwnCopyForRequire(shared: SharedPackage): boolean {
  if (shared.within === undefined) return true;
  let answer = ownCopyForRequire.get(shared.base);
  if (answer === undefined) {
    try {
      const resolved = pathToFileURL(createRequire(shared.base).resolve(shared.name)).href;
      answer = resolved.startsWith(shared.within) && !isInsideNodeModules(resolved.slice(shared.within.length));
    } catch {
      answer = false;
    }
    ownCopyForRequire.set(shared.base, answer);
  }
  return answer;
}
