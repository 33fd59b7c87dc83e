// The hello subcommand of Nebari's plugin examples (nebari_subcommand_hello_world), as a
// hooksmith/nebari plugin for a commander host: `hello [--name <name>]` prints "Hello <name>",
// the name defaulting to "Nebari".
import type { Command } from "commander";
import { hookimpl, type SubcommandCli } from "hooksmith/nebari";

/** Adds the `hello` subcommand to the host's command line. */
export const nebari_subcommand = hookimpl(({ cli }: { cli: SubcommandCli<Command> }) => {
  cli.command("hello", (command) =>
    command
      .description("Say hello")
      .option("--name <name>", "who to greet", "Nebari")
      .action(({ name }: { name: string }) => {
        console.log(`Hello ${name}`);
      }),
  );
});
