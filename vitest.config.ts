import { defineConfig } from "vitest/config";

// `npm test` runs every unit and HTTP test on SQLite; with DATABASE_URL set, on PostgreSQL
// (each test file gets its own database). Browser journeys live in test/e2e (npm run test:e2e).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
