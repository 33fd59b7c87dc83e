// The configuration docs/testing-plugins.md recommends for vite 8 with TC39 standard decorators:
// vite 8 transforms TypeScript with Oxc, which does not lower them, so esbuild does it first.
import { transform } from "esbuild";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    {
      name: "lower-standard-decorators",
      enforce: "pre",
      async transform(code, id) {
        if (!/\.[cm]?tsx?$/.test(id.split("?")[0]!)) return undefined;
        const result = await transform(code, { loader: "ts", target: "es2022", sourcemap: true, sourcefile: id });
        return { code: result.code, map: result.map };
      },
    },
  ],
  test: { include: ["standard/**/*.spec.ts"] },
});
