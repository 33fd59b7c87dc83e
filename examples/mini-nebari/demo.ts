// `npm run demo`: runs the example host end to end in a temporary project folder, as a user
// would from a shell, and prints what happened. Every step is a real `mini-nebari` process.
//
//   npm run demo                 # the folder is removed at the end
//   MINI_NEBARI_KEEP=1 npm run demo   # keep it to look around
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");
const bin = join(repo, "examples/mini-nebari/bin/mini-nebari.js");
const statusPlugin = join(repo, "examples/plugins/nebari-plugin-status/src/index.ts");

const config = `# mini-nebari-config.yaml: each section is validated by the stage that owns it.
project_name: demo
network:            # 02-network (overridden by the installed nebari-plugin-local-tls)
  domain: demo.local
  port: 8443
apps:               # 03-apps
  - name: hub
  - name: dask
    replicas: 2
`;

const project = await realpath(await mkdtemp(join(tmpdir(), "mini-nebari-demo-")));
const keep = process.env["MINI_NEBARI_KEEP"] !== undefined;
let step = 0;

/** The repository's path in a table cell followed by the spaces that align the next column. */
const repoCell = new RegExp(`${repo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\S*)( {2,})`, "g");

/**
 * Shortens the paths in what a command printed: the project folder is `.`, the repository
 * `<repo>`. A shortened table cell gets back the spaces it lost, so the columns stay aligned.
 */
function shorten(text: string): string {
  const lost = " ".repeat(Math.max(0, repo.length - "<repo>".length));
  return text
    .replaceAll(project, ".")
    .replace(repoCell, (_match, rest: string, gap: string) => `<repo>${rest}${gap}${lost}`)
    .replaceAll(repo, "<repo>");
}

function heading(title: string): void {
  console.log(`\n── ${++step}. ${title} ${"─".repeat(Math.max(3, 72 - title.length))}`);
}

/** Runs `mini-nebari args` in the project folder, prints the command and its output, fails the demo on failure. */
function mini(args: string[]): void {
  console.log(`$ mini-nebari ${shorten(args.join(" "))}`);
  const env = { ...process.env };
  delete env["MINI_NEBARI_DISABLE_PLUGIN_AUTOLOAD"];
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: project, env, encoding: "utf8" });
  const printed = shorten(`${run.stdout}${run.stderr}`).trimEnd();
  if (printed !== "") console.log(printed.replace(/^/gm, "  "));
  if (run.status !== 0) {
    console.error(`\nThe demo failed: \`mini-nebari ${args.join(" ")}\` exited with ${run.status ?? run.signal}.`);
    process.exit(1);
  }
}

async function listFiles(): Promise<void> {
  const entries = await readdir(project, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(project, join(entry.parentPath, entry.name)))
    .sort();
  console.log(`Files in the project folder (${files.length}):`);
  for (const file of files) console.log(`  ${file}`);
}

try {
  await writeFile(join(project, "mini-nebari-config.yaml"), config);
  console.log("mini-nebari: the example host of hooksmith, run end to end.");
  console.log(`Project folder: ${project}${keep ? "" : " (removed at the end; MINI_NEBARI_KEEP=1 keeps it)"}`);
  console.log("Plugins: the host's built-in stages (01-state, 02-network, 03-apps) and commands;");
  console.log("  installed (npm workspaces link them into node_modules, entry point discovery finds them):");
  console.log("    nebari-stage-hello-world, nebari-subcommand-hello, nebari-plugin-local-tls (overrides 02-network);");
  console.log("  imported for each run with --import-plugin from its .ts file: nebari-plugin-status.");
  console.log(`\nmini-nebari-config.yaml:\n${config.trimEnd().replace(/^/gm, "  ")}`);

  heading("info: the hooks and their plugins, the stage order, what was shadowed");
  mini(["--import-plugin", statusPlugin, "info"]);

  heading("plugin list: where every plugin came from");
  mini(["--import-plugin", statusPlugin, "plugin", "list"]);

  heading("validate: the config against the schemas of the stages that will run");
  mini(["--import-plugin", statusPlugin, "validate"]);

  heading("render: every stage's files");
  mini(["--import-plugin", statusPlugin, "render"]);

  heading("deploy: stage by stage, checks after each, outputs handed on");
  mini(["--import-plugin", statusPlugin, "deploy"]);
  await listFiles();

  heading("status: a subcommand added by the imported plugin");
  mini(["--import-plugin", statusPlugin, "status"]);

  heading("hello: a subcommand added by the installed nebari-subcommand-hello");
  mini(["hello", "--name", "Ada"]);

  heading("destroy: last stage first");
  mini(["--import-plugin", statusPlugin, "destroy", "--disable-prompt"]);
  await listFiles();

  console.log("\nDone: info, plugin list, validate, render, deploy, status, hello and destroy all succeeded.");
  console.log("Next: examples/mini-nebari/README.md and docs/example-host.md walk through the code.");
} finally {
  if (!keep) await rm(project, { recursive: true, force: true });
}
