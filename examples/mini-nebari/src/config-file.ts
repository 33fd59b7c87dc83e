// Reading the YAML config file. Checking it is the stages' job (their inputSchema), through
// `snapshot.validateConfig`: which keys are valid depends on the plugins of the run.
import { readFile } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";

/** The config file used when `-c` is not given. */
export const DEFAULT_CONFIG_FILE = "mini-nebari-config.yaml";

/** A problem of the command line or the host itself (not of a plugin): printed without a stack. */
export class HostError extends Error {
  override name = "HostError";
}

/**
 * Reads and parses a YAML config file.
 *
 * @param file - Its absolute path.
 * @param shown - The path as the user gave it, for messages.
 * @returns The parsed document (validated later, against the stages of the run).
 */
export async function readConfigFile(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new HostError(`config file ${shown} not found (pass -c <file>, or create ${DEFAULT_CONFIG_FILE})`);
    }
    throw error;
  }
  try {
    return parse(text) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError)
      throw new HostError(`config file ${shown} is not valid YAML: ${error.message.split("\n")[0]}`);
    throw error;
  }
}
