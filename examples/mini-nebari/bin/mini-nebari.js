#!/usr/bin/env node
// Starts mini-nebari from its TypeScript sources.
//
// Inside this repository `hooksmith` is not installed in node_modules: it *is* the repository.
// tsx runs the TypeScript, and the repository's tsconfig.json "paths" map `hooksmith` and
// `hooksmith/*` to src/ for every module outside node_modules: this host, the installed example
// plugins (npm workspaces link them, so their real paths are under examples/plugins/) and any
// --import-plugin file, wherever it is. hooksmith's own tsx registration for .ts plugins reads
// the same tsconfig through TSX_TSCONFIG_PATH. A host installed from npm needs none of this:
// it depends on hooksmith and runs its compiled JavaScript with plain `node`.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const tsconfig = fileURLToPath(new URL("../../../tsconfig.json", import.meta.url));
process.env.TSX_TSCONFIG_PATH = tsconfig;
register({ tsconfig });

const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
// A plugin that never finished loading may still hold timers or sockets: a failed run has
// reported it and does not wait for them.
if (process.exitCode !== 0) process.exit();
