#!/usr/bin/env node
// Runs the compiled CLI when built (npm start builds it), otherwise the TypeScript sources via tsx.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const compiled = path.join(root, "dist", "src", "cli", "main.js");
let main;
if (existsSync(compiled)) {
  main = await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  main = await import(pathToFileURL(path.join(root, "src", "cli", "main.ts")).href);
}
process.exitCode = await main.runCli(process.argv.slice(2));
