// Internal: runs the steps of a flow, times them, reports them to `onProgress`, and keeps a
// throwing callback from changing what the flow does.
import { StageError } from "./errors.ts";
import type { StageFlow, StagePhase, StageProgressEvent } from "./stage-types.ts";

/** Runs and reports the steps of one flow. */
export interface StepRunner {
  /**
   * Runs one step of a stage, reporting start and finish (or fail).
   *
   * @returns The `StageError` of the failure, or `undefined` on success.
   */
  run(
    stage: string,
    index: number,
    phase: StagePhase,
    body: () => Promise<void>,
    makeError?: (cause: unknown) => StageError,
  ): Promise<StageError | undefined>;
  /** Errors thrown by the `onProgress` callback, wrapped per stage; the flow decides what to do with them. */
  readonly callbackErrors: StageError[];
}

/**
 * Creates the step runner of one flow.
 *
 * @param flow - The flow.
 * @param total - How many stages the run has.
 * @param onProgress - The host's callback, if any.
 * @returns The runner.
 */
export function createStepRunner(
  flow: StageFlow,
  total: number,
  onProgress: ((event: StageProgressEvent) => void) | undefined,
): StepRunner {
  const callbackErrors: StageError[] = [];
  const emit = (event: StageProgressEvent): void => {
    if (onProgress === undefined) return;
    try {
      onProgress(event);
    } catch (error) {
      callbackErrors.push(new StageError({ stage: event.stage, phase: "progress", cause: error }));
    }
  };
  return {
    callbackErrors,
    async run(stage, index, phase, body, makeError) {
      const base = { flow, phase, stage, index, total };
      emit({ ...base, type: "start" });
      const started = performance.now();
      try {
        await body();
      } catch (error) {
        emit({ ...base, type: "fail", durationMs: performance.now() - started, error });
        return makeError?.(error) ?? new StageError({ stage, phase, cause: error });
      }
      emit({ ...base, type: "finish", durationMs: performance.now() - started });
      return undefined;
    },
  };
}
