/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";

// `npm run dev` against a running `make run` (PORTAL_API for another port). The API allows no other origin
// (no CORS, as in AWS, where CloudFront serves the app and the APIs from one), so the dev server serves both:
// the services' paths are proxied, and /config.json is the stack's with the API at the page's own origin.
const api = process.env.PORTAL_API ?? "http://127.0.0.1:8000";
const SERVICES = ["/availability", "/requests", "/messaging", "/billing"];

function stackConfig(): Plugin {
  return {
    name: "portal-stack-config",
    configureServer(server) {
      server.middlewares.use("/config.json", (_req, res) => {
        fetch(`${api}/config.json`)
          .then((reply) => reply.json())
          .then((config) => {
            res.setHeader("Content-Type", "application/json");
            res.end(JSON.stringify({ ...config, api_base: "" }));
          })
          .catch((error: unknown) => {
            res.statusCode = 502;
            res.end(`No local stack answers at ${api} (${String(error)}). Start it with \`make run\`.`);
          });
      });
    },
  };
}

// The build is plain static files with relative asset paths: it can be served from any S3 prefix or
// CloudFront path, and by the local gateway at `/`. The API's base comes from /config.json at run time.
// Two apps, one build: the staff app (index.html -> dist/index.html) and the client portal (portal/index.html ->
// dist/portal/index.html); what both import from shared/ lands in chunks of dist/assets/ that both load.
export default defineConfig({
  base: "./",
  plugins: [stackConfig()],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: { staff: "index.html", portal: "portal/index.html" },
    },
  },
  server: {
    proxy: Object.fromEntries(SERVICES.map((path) => [path, api])),
  },
  test: {
    include: ["tests/**/*.test.ts", "portal/tests/**/*.test.ts"],
    environment: "node",
  },
});
