// ESLint for the hooks rules (`npm run lint`, in `make test`); the type check (tsc, strict) covers the rest.
// typescript-eslint parses TypeScript and TSX; eslint-plugin-react-hooks knows Preact's hooks by their names. Only
// rules-of-hooks and exhaustive-deps: the plugin's other recommended rules are the React Compiler's, which Preact
// does not use. The shared loaders (useLoad, usePoll, usePaged) take a list of what reloads them, some of it on
// purpose unread by the loader (a version): the rule would read those lists as useMemo's, so they are not checked.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default [
  { ignores: ["dist/", "node_modules/", "shared/api/generated/"] },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "react-hooks": reactHooks },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
];
