// No pre-transform: vite 8 as it comes, on the standard-decorator test.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["standard/**/*.spec.ts"] } });
