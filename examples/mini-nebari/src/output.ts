// Where mini-nebari writes, and the small formatting helpers of its commands.
import type { StageProgressEvent } from "hooksmith";

/** Where a program writes: its standard output and error, and whether they are terminals. */
export interface Output {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Whether standard output is a terminal (the progress display then updates lines in place). */
  readonly isTTY: boolean;
}

/** The process's own streams. */
export const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get isTTY() {
    return process.stdout.isTTY === true;
  },
};

/**
 * Formats rows as aligned columns (two spaces apart), the first row being the header.
 *
 * @param rows - Header and rows.
 * @param indent - Spaces before each line.
 * @returns The lines, each ending with a newline.
 */
export function table(rows: readonly (readonly string[])[], indent = 2): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows
    .map((row) =>
      `${" ".repeat(indent)}${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")}`.trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

/**
 * The progress display of deploy and destroy: one line per step of each stage. On a terminal a
 * started step shows as `…` and is replaced in place when it ends; elsewhere (logs, tests, the
 * demo) only finished and failed steps are printed, one line each.
 *
 * @param output - Where to write.
 * @returns The `onProgress` callback for the flows.
 */
export function progressDisplay(output: Output): (event: StageProgressEvent) => void {
  const width = (event: StageProgressEvent): string => `${event.index + 1}`.padStart(`${event.total}`.length);
  const label = (event: StageProgressEvent): string => `[${width(event)}/${event.total}] ${event.stage}: ${event.phase}`;
  return (event) => {
    if (event.type === "start") {
      if (output.isTTY) output.out(`  … ${label(event)}`);
      return;
    }
    const clear = output.isTTY ? "\r\x1b[2K" : "";
    if (event.type === "finish") output.out(`${clear}  ✓ ${label(event)} (${Math.round(event.durationMs)} ms)\n`);
    else output.out(`${clear}  ✗ ${label(event)} failed: ${messageOf(event.error)}\n`);
  };
}

/**
 * The message of anything thrown.
 *
 * @param error - What was thrown.
 * @returns Its message.
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
