// Plain-text tables for profile reports: aligned columns, durations in readable units.

/**
 * Renders milliseconds with three significant digits in the unit that fits: `815 ns`, `12.4 µs`,
 * `3.07 ms`, `1.25 s`.
 *
 * @param ms - A duration in milliseconds.
 * @returns The text.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return "0";
  const units: [number, string][] = [
    [1e-6, "ns"],
    [1e-3, "µs"],
    [1, "ms"],
    [1e3, "s"],
  ];
  const magnitude = Math.abs(ms);
  let index = units.findIndex(([scale], i) => i === units.length - 1 || magnitude < scale * 1000);
  // Rounding may reach the next unit (999.96 µs is 1.00 ms).
  if (index < units.length - 1 && Math.abs(Number((ms / units[index]![0]).toPrecision(3))) >= 1000) index++;
  const [scale, unit] = units[index]!;
  const value = ms / scale;
  const text = Math.abs(value) >= 999.5 ? String(Math.round(value)) : value.toPrecision(3);
  return `${text} ${unit}`;
}

/** A column of a text table. */
export interface Column<Row> {
  /** The header. */
  readonly title: string;
  /** Right-aligned (numbers) or left-aligned (names). */
  readonly align: "left" | "right";
  /** The cell of a row. */
  readonly cell: (row: Row) => string;
}

/**
 * Renders rows as an aligned table: a header line, then one line per row; columns separated by
 * two spaces, no trailing spaces.
 *
 * @param rows - The rows.
 * @param columns - The columns.
 * @returns The lines, each ending with a newline.
 */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = [columns.map((column) => column.title), ...rows.map((row) => columns.map((column) => column.cell(row)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => [...line[i]!].length)));
  return cells
    .map((line) =>
      line
        .map((cell, i) => {
          const padding = " ".repeat(widths[i]! - [...cell].length);
          return columns[i]!.align === "right" ? padding + cell : cell + padding;
        })
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}
