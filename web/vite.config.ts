import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/; it imports the backend's Zod schema files (types only) from ../src,
// so Vite's dev server may read the whole repository.
const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: webRoot,
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    assetsInlineLimit: 0,
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { "/api": { target: "http://127.0.0.1:8099", changeOrigin: false } },
  },
  preview: {
    proxy: { "/api": { target: "http://127.0.0.1:8099", changeOrigin: false } },
  },
});
