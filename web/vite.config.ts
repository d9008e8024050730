/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The build is plain static files with relative asset paths: it can be served from any S3 prefix or
// CloudFront path, and by the local gateway at `/`. The API's base comes from /config.json at run time.
export default defineConfig({
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` against a running `make run`: the app finds the API and Cognito through /config.json.
    proxy: { "/config.json": process.env.PORTAL_API ?? "http://127.0.0.1:8000" },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
  },
});
