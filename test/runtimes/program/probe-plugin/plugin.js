// The plugin that the core program loads with `pm.loadEntrypoints("hooksmith-runtimes")`.
import { HookimplMarker } from "hooksmith";

const hookimpl = HookimplMarker("runtimes");

export const origin = hookimpl(() => "the probe plugin, loaded from its entry point");
