// @ts-check
import js from "@eslint/js";
import jsdoc from "eslint-plugin-jsdoc";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["dist/**", "coverage/**", "docs/api/**", "**/node_modules/**", "bench/results.json", ".tmp/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: false },
      globals: {
        process: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        setImmediate: "readonly",
        queueMicrotask: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        URL: "readonly",
        TextEncoder: "readonly",
        TextDecoder: "readonly",
        structuredClone: "readonly",
        performance: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unsafe-function-type": "off",
      "@typescript-eslint/no-extraneous-class": "off",
      "@typescript-eslint/no-invalid-void-type": "off",
      "@typescript-eslint/no-dynamic-delete": "off",
      "require-yield": "off",
      // Index access in the call loops is bounds-checked by the loop itself; noUncheckedIndexedAccess
      // would otherwise force a branch per implementation on the hot path.
      "@typescript-eslint/no-non-null-assertion": "off",
      // HookCaller and TagTracerSub are callable classes: an interface adds the call signature.
      "@typescript-eslint/no-unsafe-declaration-merging": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // Every export of the sources has JSDoc (the style guide). test/api-docs.test.ts checks that
    // each public export also has an @example, and typedoc --treatWarningsAsErrors the members.
    files: ["src/**/*.ts"],
    plugins: { jsdoc },
    settings: { jsdoc: { tagNamePreference: { template: "typeParam" } } },
    rules: {
      "jsdoc/require-jsdoc": [
        "error",
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true, MethodDefinition: false },
          contexts: ["TSInterfaceDeclaration", "TSTypeAliasDeclaration", "ExportNamedDeclaration > VariableDeclaration"],
        },
      ],
      "jsdoc/check-tag-names": ["error", { definedTags: ["typeParam", "internal"] }],
      "jsdoc/no-undefined-types": "error",
    },
  },
  {
    // The portable layers: nothing Node-only at load or call time (see docs/architecture.md).
    // Node's modules are reached through the `#platform` binding (src/platform/node.ts), which
    // loads src/discovery/ and the node/ folders on first use.
    files: ["src/**/*.ts"],
    ignores: ["src/discovery/**", "src/*/node/**", "src/platform/node.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^node:", message: "Node-only code goes in src/discovery/ or a node/ folder, behind #platform." }],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "Read the runtime through src/core/runtime.ts, so that hooksmith runs outside Node." },
        { name: "Buffer", message: "Use Uint8Array, TextEncoder and TextDecoder: they exist in every runtime." },
        { name: "setImmediate", message: "Use queueMicrotask or setTimeout: they exist in every runtime." },
      ],
    },
  },
  {
    files: ["test/**", "examples/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-empty-function": "off",
    },
  },
);
