// nebari-plugin-status: a plugin that is not installed; load it for one run with
// `mini-nebari --import-plugin <path>/src/index.ts …`. Because mini-nebari starts in two phases
// (plugins first, then the command tree), an imported plugin adds subcommands too, which
// Nebari's --import-plugin could not.
//
// - the `status-page` stage runs after every other stage and writes status.md from the outputs
//   the earlier stages handed on;
// - the `status` command prints what mini-nebari's JSON state store records.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { hookimpl, NebariStage, type StageOutputs, type SubcommandCli } from "hooksmith/nebari";

/** Where mini-nebari keeps its state, relative to the output directory (the host documents it). */
const STATE_FILE = ".mini-nebari/state.json";

/** Writes status.md from the outputs of every stage that ran before it; removes it on destroy. */
export class StatusPageStage extends NebariStage<{ project_name: string }> {
  static override stageName = "status-page";
  static override priority = 900;

  override async deploy(stageOutputs: StageOutputs) {
    const lines = [`# ${this.config.project_name}`, "", "| stage | outputs |", "| --- | --- |"];
    for (const [stage, outputs] of Object.entries(stageOutputs)) lines.push(`| ${stage} | \`${JSON.stringify(outputs)}\` |`);
    const file = join(this.outputDirectory, "status.md");
    await writeFile(file, `${lines.join("\n")}\n`);
    stageOutputs[this.name] = { file, stages: Object.keys(stageOutputs).length };
  }

  override async destroy() {
    await rm(join(this.outputDirectory, "status.md"), { force: true });
  }
}

export const nebari_stage = hookimpl(() => [StatusPageStage]);

export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
  cli.command("status", (command) =>
    command
      .description("Show what the state store records (from nebari-plugin-status)")
      .option("-o, --output <dir>", "the output directory", ".")
      .action(async ({ output }: { output: string }) => {
        const file = resolve(output, STATE_FILE);
        let state: { project: string; resources: Record<string, unknown> };
        try {
          state = JSON.parse(await readFile(file, "utf8")) as typeof state;
        } catch {
          console.log(`Nothing deployed in ${output} (no ${STATE_FILE}).`);
          return;
        }
        console.log(`Project ${state.project}: ${Object.keys(state.resources).length} stages recorded`);
        for (const [stage, resources] of Object.entries(state.resources)) console.log(`  ${stage}  ${JSON.stringify(resources)}`);
      }),
  );
});
