// The JSON state store: what mini-nebari "deployed", kept in <output>/.mini-nebari/state.json.
// Nebari kept its state in Terraform backends; this example keeps one small JSON file, so that
// deploy, destroy and the plugins' commands agree on what exists.
import { mkdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Where the state store lives, relative to the output directory. */
export const STATE_FILE = ".mini-nebari/state.json";

/** The contents of the state file. */
export interface StateDocument {
  /** The format version. */
  readonly version: 1;
  /** The project the state belongs to (`project_name` of the config). */
  readonly project: string;
  /** What each stage recorded, by stage name. */
  readonly resources: Record<string, unknown>;
}

/**
 * A JSON file with what every stage deployed. Each write replaces the file atomically (write a
 * temporary file, then rename), so an interrupted run never leaves half a file behind.
 */
export class StateStore {
  /** The absolute path of the state file. */
  readonly file: string;

  /**
   * @param outputDirectory - The run's output directory.
   */
  constructor(outputDirectory: string) {
    this.file = join(outputDirectory, STATE_FILE);
  }

  /**
   * Reads the state, or `undefined` when there is none yet.
   *
   * @returns The document.
   */
  async read(): Promise<StateDocument | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const document = JSON.parse(text) as Partial<StateDocument>;
    if (document.version !== 1 || typeof document.project !== "string" || typeof document.resources !== "object") {
      throw new Error(`${this.file} is not a mini-nebari state file`);
    }
    return document as StateDocument;
  }

  /**
   * Creates the state of `project`, or opens it when it exists (refusing another project's).
   *
   * @param project - The config's `project_name`.
   * @returns The document.
   */
  async open(project: string): Promise<StateDocument> {
    const existing = await this.read();
    if (existing !== undefined) {
      if (existing.project !== project) {
        throw new Error(`${this.file} belongs to project "${existing.project}", not "${project}"`);
      }
      return existing;
    }
    const created: StateDocument = { version: 1, project, resources: {} };
    await this.#write(created);
    return created;
  }

  /**
   * Records what a stage deployed.
   *
   * @param stage - The stage name.
   * @param value - Its resources (JSON).
   */
  async set(stage: string, value: unknown): Promise<void> {
    const document = await this.#require();
    await this.#write({ ...document, resources: { ...document.resources, [stage]: value } });
  }

  /**
   * What a stage recorded.
   *
   * @param stage - The stage name.
   * @returns Its resources, or `undefined`.
   */
  async get(stage: string): Promise<unknown> {
    return (await this.read())?.resources[stage];
  }

  /**
   * Forgets what a stage recorded.
   *
   * @param stage - The stage name.
   */
  async delete(stage: string): Promise<void> {
    const document = await this.read();
    if (document === undefined || !Object.hasOwn(document.resources, stage)) return;
    const resources = { ...document.resources };
    delete resources[stage];
    await this.#write({ ...document, resources });
  }

  /** Deletes the state file (and its folder when that is left empty). */
  async remove(): Promise<void> {
    await rm(this.file, { force: true });
    await rmdir(dirname(this.file)).catch(() => undefined);
  }

  async #require(): Promise<StateDocument> {
    const document = await this.read();
    if (document === undefined) throw new Error(`no state at ${this.file}: the 01-state stage must deploy first`);
    return document;
  }

  async #write(document: StateDocument): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`);
    await rename(temporary, this.file);
  }
}
