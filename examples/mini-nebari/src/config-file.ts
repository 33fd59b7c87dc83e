// Reading the YAML config file. Checking it is the stages' job (their inputSchema), through
// `snapshot.validateConfig`: which keys are valid depends on the plugins of the run.
import { open } from "node:fs/promises";
import { parse, YAMLParseError } from "yaml";

/** The config file used when `-c` is not given. */
export const DEFAULT_CONFIG_FILE = "mini-nebari-config.yaml";

/**
 * The largest config file read, in bytes (1 MiB). A real config is a few kilobytes; parsing a
 * 100 MB YAML string takes over a minute and gigabytes of memory, so a larger file (or an endless
 * one such as /dev/zero) is refused before it is parsed.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

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
export async function readConfigFile(file: string, shown: string, maxBytes: number = MAX_CONFIG_BYTES): Promise<unknown> {
  let text: string;
  try {
    text = await readBounded(file, maxBytes, shown);
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

/**
 * Reads a file as UTF-8, refusing it once it is larger than `maxBytes`; never reads more than
 * that, whatever the file claims (a device or a pipe has no size).
 *
 * @param file - Its absolute path.
 * @param maxBytes - The limit.
 * @param shown - The path as the user gave it, for messages.
 * @returns The text.
 */
async function readBounded(file: string, maxBytes: number, shown: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) {
      throw new HostError(
        `config file ${shown} is larger than ${maxBytes} bytes (${MAX_CONFIG_BYTES / 1024 / 1024} MiB is the limit): is it the right file?`,
      );
    }
    return buffer.toString("utf8", 0, length);
  } finally {
    await handle.close();
  }
}
