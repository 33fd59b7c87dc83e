// A checker of the Trace Event Format (the JSON object format read by chrome://tracing and
// Perfetto), for the phases a hooksmith trace uses: complete events (X), nestable async events
// (b / e) and metadata (M). It returns the problems found, so that a test shows them all.
//
// From the format's definition: every event has name, ph, ts (microseconds), pid and tid; X
// events a non-negative dur, and complete events on one thread must nest (no partial overlap);
// nestable async events need an id (id or id2.local / id2.global) and a category, and the events
// of one category and id form a tree: each e closes the most recent open b of that tree. Metadata
// events name the process or thread in args.name. Beyond the format, Perfetto keys async tracks
// by category and id, matches e to b by name, and reads times as whole nanoseconds.

const phases = new Set(["X", "b", "e", "M"]);
const metadataNames = new Set(["process_name", "thread_name", "process_sort_index", "thread_sort_index", "process_labels"]);

interface Event {
  name?: unknown;
  ph?: unknown;
  ts?: unknown;
  dur?: unknown;
  pid?: unknown;
  tid?: unknown;
  cat?: unknown;
  id?: unknown;
  id2?: { local?: unknown; global?: unknown };
  args?: unknown;
}

/**
 * Checks a trace against the Trace Event Format.
 *
 * @param trace - What was written (parsed JSON).
 * @returns The problems, empty when the trace is valid.
 */
export function traceFormatProblems(trace: unknown): string[] {
  const problems: string[] = [];
  if (typeof trace !== "object" || trace === null || !Array.isArray((trace as { traceEvents?: unknown }).traceEvents)) {
    return ["the trace is not an object with a traceEvents array"];
  }
  const object = trace as { traceEvents: Event[]; displayTimeUnit?: unknown; otherData?: unknown };
  if (object.displayTimeUnit !== undefined && object.displayTimeUnit !== "ms" && object.displayTimeUnit !== "ns") {
    problems.push(`displayTimeUnit must be "ms" or "ns", got ${JSON.stringify(object.displayTimeUnit)}`);
  }
  if (object.otherData !== undefined && (typeof object.otherData !== "object" || object.otherData === null)) {
    problems.push("otherData must be an object");
  }
  // Round-trips through JSON as a file would.
  const events = JSON.parse(JSON.stringify(object.traceEvents)) as Event[];
  const threads = new Map<string, { start: number; end: number; name: string }[]>();
  const trees = new Map<string, Event[]>();
  events.forEach((event, index) => {
    const at = `event ${index} (${JSON.stringify(event.name)}, ${JSON.stringify(event.ph)})`;
    if (typeof event.ph !== "string" || !phases.has(event.ph)) return problems.push(`${at}: unknown phase`);
    if (typeof event.name !== "string" || event.name === "") problems.push(`${at}: name must be a non-empty string`);
    if (!Number.isInteger(event.pid)) problems.push(`${at}: pid must be an integer`);
    if (!Number.isInteger(event.tid)) problems.push(`${at}: tid must be an integer`);
    if (event.args !== undefined && (typeof event.args !== "object" || event.args === null))
      problems.push(`${at}: args must be an object`);
    if (event.ph === "M") {
      if (!metadataNames.has(event.name as string)) problems.push(`${at}: unknown metadata name`);
      if (typeof (event.args as { name?: unknown } | undefined)?.name !== "string")
        problems.push(`${at}: metadata needs args.name`);
      return;
    }
    if (typeof event.ts !== "number" || !Number.isFinite(event.ts) || event.ts < 0)
      return problems.push(`${at}: ts must be a number >= 0`);
    if (!wholeNanoseconds(event.ts)) problems.push(`${at}: ts ${event.ts} is not a whole number of nanoseconds`);
    if (typeof event.cat !== "string" || event.cat === "") problems.push(`${at}: cat must be a non-empty string`);
    if (event.ph === "X") {
      if (typeof event.dur !== "number" || !Number.isFinite(event.dur) || event.dur < 0)
        return problems.push(`${at}: dur must be a number >= 0`);
      if (!wholeNanoseconds(event.dur)) problems.push(`${at}: dur ${event.dur} is not a whole number of nanoseconds`);
      const key = `${String(event.pid)}:${String(event.tid)}`;
      const slices = threads.get(key) ?? [];
      slices.push({
        start: nanoseconds(event.ts),
        end: nanoseconds(event.ts) + nanoseconds(event.dur),
        name: event.name as string,
      });
      threads.set(key, slices);
      return;
    }
    const ids = [event.id, event.id2?.local, event.id2?.global].filter((id) => id !== undefined);
    if (ids.length !== 1) return problems.push(`${at}: an async event needs exactly one of id, id2.local, id2.global`);
    if (typeof ids[0] !== "string" && typeof ids[0] !== "number") problems.push(`${at}: the id must be a string or a number`);
    const scope = event.id2?.local !== undefined ? `local:${String(event.pid)}` : "global";
    const key = `${scope}:${String(event.cat)}:${String(ids[0])}`;
    const tree = trees.get(key) ?? [];
    tree.push(event);
    trees.set(key, tree);
    return undefined;
  });

  // Complete events on one thread nest: each lies inside the open one before it, or after it.
  for (const [thread, slices] of threads) {
    slices.sort((a, b) => a.start - b.start || b.end - a.end);
    const open: { start: number; end: number; name: string }[] = [];
    for (const slice of slices) {
      while (open.length > 0 && open[open.length - 1]!.end <= slice.start) open.pop();
      const top = open[open.length - 1];
      if (top !== undefined && slice.end > top.end) {
        problems.push(
          `thread ${thread}: "${slice.name}" [${slice.start}, ${slice.end}] overlaps "${top.name}" [${top.start}, ${top.end}] without nesting in it`,
        );
      }
      open.push(slice);
    }
  }

  // Each async tree: in time order (ties in file order, as viewers sort stably), e closes the
  // most recent open b, with the same name, and nothing stays open.
  for (const [key, tree] of trees) {
    const ordered = tree
      .map((event, index) => ({ event, index }))
      .sort((a, b) => nanoseconds(a.event.ts as number) - nanoseconds(b.event.ts as number) || a.index - b.index);
    const open: Event[] = [];
    for (const { event } of ordered) {
      if (event.ph === "b") {
        open.push(event);
        continue;
      }
      const begin = open.pop();
      if (begin === undefined)
        problems.push(`async ${key}: "${String(event.name)}" ends at ${String(event.ts)} with nothing open`);
      else if (begin.name !== event.name) problems.push(`async ${key}: "${String(event.name)}" closes "${String(begin.name)}"`);
    }
    for (const begin of open) problems.push(`async ${key}: "${String(begin.name)}" begins at ${String(begin.ts)} and never ends`);
  }
  return problems;
}

function nanoseconds(microseconds: number): number {
  return Math.round(microseconds * 1000);
}

function wholeNanoseconds(microseconds: number): boolean {
  return Math.abs(microseconds * 1000 - Math.round(microseconds * 1000)) < 1e-6 * Math.max(1, Math.abs(microseconds));
}
