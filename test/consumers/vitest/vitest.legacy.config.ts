// No pre-transform: with experimentalDecorators in legacy/tsconfig.json, vite 8 lowers the
// decorators itself.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["legacy/**/*.spec.ts"] } });
