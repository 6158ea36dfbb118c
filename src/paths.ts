import { existsSync } from "node:fs";
import path from "node:path";

/** The project root, found from this file whether it runs from src/ (tsx) or dist/src/ (compiled). */
export function findProjectRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "data", "seed"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Entente project root above ${from}`);
    dir = parent;
  }
}
