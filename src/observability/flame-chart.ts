// Draws a Chrome Trace Event JSON file as an SVG flame chart: a time axis, one lane per thread
// (complete events stacked by their nesting) and one per async track (nestable async events
// stacked by their begin/end nesting). Enough to look at a profile where no trace viewer is at
// hand (a CI artifact, a document), with a tooltip per slice in a browser.

import { formatDuration } from "./format-table.ts";

/**
 * Options of {@link renderFlameChart}.
 *
 * @example
 * ```ts
 * import type { FlameChartOptions } from "hooksmith";
 *
 * const options: FlameChartOptions = { width: 1600, title: "mini-nebari deploy" };
 * ```
 */
export interface FlameChartOptions {
  /** The width of the picture in pixels; default 1200. */
  readonly width?: number;
  /** The height of one row of slices in pixels; default 18. */
  readonly rowHeight?: number;
  /** The title above the chart; default the trace's process name. */
  readonly title?: string;
  /**
   * Draw only this time range, in milliseconds of the trace's clock (`ts / 1000`; for a trace of
   * `HookProfile.toChromeTrace()`, since the profiler started); default from the first slice to
   * the last. Slices crossing an edge are cut there.
   */
  readonly window?: {
    /** Where the window starts, ms; default the first slice's start. */
    readonly from?: number;
    /** Where it ends, ms; default the last slice's end. */
    readonly to?: number;
  };
}

/** A slice to draw. */
interface Slice {
  readonly name: string;
  readonly start: number;
  end: number;
  readonly args: Readonly<Record<string, unknown>>;
  depth: number;
  /** The whole duration, when the window cut the slice. */
  readonly took?: number;
}

/** A lane: a thread or an async track, with its slices. */
interface Lane {
  readonly label: string;
  readonly slices: Slice[];
  depth: number;
}

interface RawEvent {
  readonly name?: unknown;
  readonly ph?: unknown;
  readonly ts?: unknown;
  readonly dur?: unknown;
  readonly pid?: unknown;
  readonly tid?: unknown;
  readonly cat?: unknown;
  readonly id?: unknown;
  readonly id2?: { readonly local?: unknown; readonly global?: unknown };
  readonly args?: unknown;
}

const LEFT = 170;
const FONT = 11;
const palette = {
  call: "#6fa8dc",
  firstresult: "#3d85c6",
  historic: "#8e7cc3",
  impl: "#93c47d",
  wrapper: "#c9b8e8",
  stage: "#f6b26b",
  error: "#e06666",
};

/**
 * Draws a Chrome Trace Event JSON trace (from `HookProfile.toChromeTrace()`, or any trace in the
 * JSON object or array format) as an SVG flame chart: time runs left to right, each thread and
 * each async track is a lane, and nested slices stack downwards. Hook calls are blue (darker for
 * `firstresult`, violet for historic), implementations green, wrapper steps lilac, stage steps
 * orange and failures red; each slice has a tooltip with its duration and arguments. Phases
 * other than `X`, `b`, `e` and `M` are ignored.
 *
 * @param trace - The trace: an object with `traceEvents`, or the array of events.
 * @param options - `width`, `rowHeight`, `title`, `window`.
 * @returns The SVG document.
 * @throws {TypeError} When `trace` is neither an array of events nor an object with `traceEvents`,
 *   or the window is empty.
 * @example
 * ```ts
 * import { profileHooks, renderFlameChart } from "hooksmith";
 * import { writeFile } from "node:fs/promises";
 *
 * const profiler = profileHooks(pm);
 * await pm.hook.build.callAsync({ target: "web" });
 * await writeFile("profile.svg", renderFlameChart(profiler.stop().toChromeTrace()));
 * ```
 */
export function renderFlameChart(
  trace: { readonly traceEvents: readonly unknown[] } | readonly unknown[],
  options: FlameChartOptions = {},
): string {
  const events = Array.isArray(trace) ? trace : (trace as { traceEvents?: unknown } | null)?.traceEvents;
  if (!Array.isArray(events)) {
    throw new TypeError("renderFlameChart needs a Chrome trace: an array of events or an object with traceEvents");
  }
  const width = Math.max(LEFT + 200, options.width ?? 1200);
  const rowHeight = Math.max(10, options.rowHeight ?? 18);
  const { lanes: allLanes, processName } = lanesOf(events as readonly RawEvent[]);
  const all = allLanes.flatMap((lane) => lane.slices);
  const t0 =
    options.window?.from !== undefined
      ? options.window.from * 1000
      : all.length === 0
        ? 0
        : Math.min(...all.map((slice) => slice.start));
  const t1 =
    options.window?.to !== undefined
      ? options.window.to * 1000
      : all.length === 0
        ? t0 + 1
        : Math.max(...all.map((slice) => slice.end));
  if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0)) {
    throw new TypeError(`renderFlameChart: the window must run forwards, got from ${t0 / 1000} ms to ${t1 / 1000} ms`);
  }
  const span = t1 - t0;
  // Only what the window shows, cut at its edges (tooltips keep the whole duration).
  const lanes = allLanes
    .map((lane) => ({
      ...lane,
      slices: lane.slices
        .filter((slice) => slice.end >= t0 && slice.start <= t1)
        .map((slice) => ({
          ...slice,
          took: slice.end - slice.start,
          start: Math.max(slice.start, t0),
          end: Math.min(slice.end, t1),
        })),
    }))
    .filter((lane) => lane.slices.length > 0);
  const plot = width - LEFT - 10;
  const x = (t: number): number => LEFT + ((t - t0) / span) * plot;

  const out: string[] = [];
  const title = options.title ?? processName ?? "trace";
  let y = 24;
  out.push(`<text x="10" y="${y - 6}" font-size="${FONT + 3}" font-weight="bold">${escape(title)}</text>`);
  out.push(
    `<text x="${width - 10}" y="${y - 6}" font-size="${FONT}" text-anchor="end" fill="#555">${escape(`${formatDuration(span / 1000)} shown`)}</text>`,
  );
  y += 6;
  // The time axis.
  const step = tickStep(span);
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / step - 1e-9) * step; t <= t1 + 1e-9; t += step) ticks.push(t);
  out.push(`<line x1="${LEFT}" y1="${y + 14}" x2="${LEFT + plot}" y2="${y + 14}" stroke="#999"/>`);
  for (const t of ticks) {
    const tx = fixed(x(t));
    out.push(`<line x1="${tx}" y1="${y + 10}" x2="${tx}" y2="${y + 14}" stroke="#999"/>`);
    // Round ticks read better without trailing zeros: "50 ms", not "50.0 ms".
    const label = formatDuration(t / 1000)
      .replace(/(\.\d*?)0+ /, "$1 ")
      .replace(/\. /, " ");
    out.push(`<text x="${tx}" y="${y + 8}" font-size="${FONT - 1}" text-anchor="middle" fill="#555">${escape(label)}</text>`);
  }
  y += 22;
  const gridTop = y;
  for (const lane of lanes) {
    const height = (lane.depth + 1) * rowHeight;
    out.push(
      `<rect x="0" y="${y}" width="${width}" height="${height + 4}" fill="${lanes.indexOf(lane) % 2 === 0 ? "#f7f7f7" : "#ffffff"}"/>`,
    );
    out.push(
      `<text x="8" y="${y + rowHeight / 2 + FONT / 2 - 1}" font-size="${FONT}" fill="#333">${escape(clip(lane.label, LEFT - 16))}</text>`,
    );
    for (const slice of lane.slices) {
      const sx = x(slice.start);
      const sw = Math.max(0.5, x(slice.end) - sx);
      const sy = y + 2 + slice.depth * rowHeight;
      const failed = slice.args["error"] !== undefined;
      const fill = colorOf(slice);
      out.push(
        `<g><title>${escape(tooltip(slice))}</title><rect x="${fixed(sx)}" y="${sy}" width="${fixed(sw)}" height="${rowHeight - 2}" rx="2" fill="${fill}" stroke="${failed ? "#990000" : "#ffffff"}" stroke-width="${failed ? 1.5 : 0.5}"/>`,
      );
      const label = clip(slice.name, sw - 6);
      if (label !== "") {
        out.push(
          `<text x="${fixed(sx + 3)}" y="${sy + rowHeight / 2 + FONT / 2 - 2}" font-size="${FONT}" fill="#111">${escape(label)}</text>`,
        );
      }
      out.push("</g>");
    }
    y += height + 4;
  }
  if (lanes.length === 0) {
    out.push(`<text x="${LEFT}" y="${y + 14}" font-size="${FONT}" fill="#555">no slices to show</text>`);
    y += 24;
  }
  // Grid lines over the lanes, then the legend.
  for (const t of ticks) {
    const tx = fixed(x(t));
    out.push(`<line x1="${tx}" y1="${gridTop}" x2="${tx}" y2="${y}" stroke="#000" stroke-opacity="0.08"/>`);
  }
  y += 14;
  let lx = LEFT;
  for (const [label, color] of [
    ["hook call", palette.call],
    ["firstresult call", palette.firstresult],
    ["historic call", palette.historic],
    ["implementation", palette.impl],
    ["wrapper setup / teardown", palette.wrapper],
    ["stage step", palette.stage],
    ["failed", palette.error],
  ] as const) {
    out.push(`<rect x="${lx}" y="${y - 9}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${lx + 14}" y="${y}" font-size="${FONT}" fill="#333">${label}</text>`);
    lx += 24 + label.length * FONT * 0.6;
  }
  y += 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...out,
    "</svg>",
    "",
  ].join("\n");
}

// Groups the events into lanes: complete events by process and thread, nestable async events by
// process, category and id.
function lanesOf(events: readonly RawEvent[]): { lanes: Lane[]; processName: string | undefined } {
  const threadNames = new Map<string, string>();
  let processName: string | undefined;
  const threads = new Map<string, Slice[]>();
  const asyncEvents = new Map<string, RawEvent[]>();
  for (const event of events) {
    if (typeof event !== "object" || event === null) continue;
    const pid = String(event.pid ?? "");
    const tid = String(event.tid ?? "");
    if (event.ph === "M") {
      const name = (event.args as { name?: unknown } | undefined)?.name;
      if (typeof name !== "string") continue;
      if (event.name === "process_name") processName ??= name;
      if (event.name === "thread_name") threadNames.set(`${pid}:${tid}`, name);
    } else if (event.ph === "X" && typeof event.ts === "number" && typeof event.dur === "number") {
      const key = `${pid}:${tid}`;
      const slice: Slice = {
        name: String(event.name ?? ""),
        start: event.ts,
        end: event.ts + event.dur,
        args: argsOf(event),
        depth: 0,
      };
      const list = threads.get(key);
      if (list === undefined) threads.set(key, [slice]);
      else list.push(slice);
    } else if ((event.ph === "b" || event.ph === "e") && typeof event.ts === "number") {
      const id = event.id2?.local ?? event.id2?.global ?? event.id;
      const key = `${pid}:${String(event.cat ?? "")}:${String(id)}`;
      const list = asyncEvents.get(key);
      if (list === undefined) asyncEvents.set(key, [event]);
      else list.push(event);
    }
  }
  const lanes: Lane[] = [];
  for (const [key, slices] of threads) {
    slices.sort((a, b) => a.start - b.start || b.end - a.end);
    lanes.push({ label: threadNames.get(key) ?? `thread ${key}`, slices, depth: stackDepths(slices) });
  }
  const counts = new Map<string, number>();
  for (const list of asyncEvents.values()) {
    const slices: Slice[] = [];
    const open: Slice[] = [];
    const sorted = [...list].sort((a, b) => (a.ts as number) - (b.ts as number));
    for (const event of sorted) {
      if (event.ph === "b") {
        const slice: Slice = {
          name: String(event.name ?? ""),
          start: event.ts as number,
          end: Infinity,
          args: argsOf(event),
          depth: open.length,
        };
        slices.push(slice);
        open.push(slice);
      } else {
        const slice = open.pop();
        if (slice !== undefined) slice.end = event.ts as number;
      }
    }
    if (slices.length === 0) continue;
    const last = Math.max(...slices.map((slice) => (slice.end === Infinity ? slice.start : slice.end)));
    for (const slice of slices) if (slice.end === Infinity) slice.end = last;
    // Named by what the track holds: stage steps, async hook calls, or (other traces) its first slice.
    const first = slices[0]!;
    const kind =
      first.args["flow"] !== undefined
        ? "stage steps"
        : first.args["mode"] !== undefined || first.args["plugin"] !== undefined
          ? "async hook calls"
          : `async: ${first.name}`;
    const seen = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, seen);
    lanes.push({
      label: seen === 1 ? kind : `${kind} (${seen})`,
      slices,
      depth: Math.max(...slices.map((slice) => slice.depth)),
    });
  }
  return { lanes, processName };
}

// Stacks complete events by their times: a slice nests in the one before it that contains it.
function stackDepths(slices: Slice[]): number {
  const stack: Slice[] = [];
  let deepest = 0;
  for (const slice of slices) {
    // Pop what ended before this slice starts, and what it pokes out of (a malformed nesting).
    while (stack.length > 0 && (stack[stack.length - 1]!.end <= slice.start || stack[stack.length - 1]!.end < slice.end)) {
      stack.pop();
    }
    slice.depth = stack.length;
    deepest = Math.max(deepest, slice.depth);
    stack.push(slice);
  }
  return deepest;
}

function argsOf(event: RawEvent): Readonly<Record<string, unknown>> {
  return typeof event.args === "object" && event.args !== null ? (event.args as Record<string, unknown>) : {};
}

function colorOf(slice: Slice): string {
  const args = slice.args;
  if (args["error"] !== undefined) return palette.error;
  if (args["flow"] !== undefined && args["stage"] !== undefined) return palette.stage;
  if (args["plugin"] !== undefined) return args["kind"] === "wrapper" ? palette.wrapper : palette.impl;
  if (args["mode"] !== undefined) {
    return args["kind"] === "firstresult" ? palette.firstresult : args["kind"] === "historic" ? palette.historic : palette.call;
  }
  // Slices of other traces: a stable colour from the name.
  let hash = 0;
  for (const char of slice.name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360}, 55%, 72%)`;
}

function tooltip(slice: Slice): string {
  const lines = [`${slice.name}: ${formatDuration((slice.took ?? slice.end - slice.start) / 1000)}`];
  for (const [key, value] of Object.entries(slice.args))
    lines.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  return lines.join("\n");
}

// Round tick intervals (1, 2, 5 times a power of ten microseconds), about eight over the span.
function tickStep(span: number): number {
  const rough = span / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= rough) return factor * power;
  return 10 * power;
}

// The longest prefix of `text` that fits in `pixels` at the chart's font size, with an ellipsis
// when cut; "" when not even two characters fit.
function clip(text: string, pixels: number): string {
  const fits = Math.floor(pixels / (FONT * 0.6));
  const chars = [...text];
  if (chars.length <= fits) return text;
  if (fits < 3) return "";
  return `${chars.slice(0, fits - 1).join("")}…`;
}

function fixed(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!);
}
