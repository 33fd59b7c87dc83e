// The part of the `#platform` binding the testing helpers call: the stage harness's files.

/**
 * The file operations of the stage harness, which need Node.
 *
 * @internal
 */
export interface TestingPlatform {
  /** Creates a fresh temporary directory and returns its real path. */
  createTemporaryDirectory(prefix: string): Promise<string>;
  /** Reads a file of `directory` by its `/`-separated relative path. */
  readOutputFile(directory: string, path: string): Promise<Uint8Array>;
  /** Removes a directory and everything in it. */
  removeDirectory(directory: string): Promise<void>;
}
