// Mocha root hooks (loaded with --require): wall time per spec file, printed
// as a table after the run and merged into target/test-timings.json under
// `files.<backend>`. A file's time runs from the start of its first test
// (its `before` hooks included) to the start of the next file's. After each
// test, the validator's background log checks (the event contract of every
// transaction the test sent) must have passed.
import * as fs from "fs";
import * as path from "path";

import { drainLogChecks } from "./context";
import { mergeFileTimes, printFileTimes, printWallStats } from "./timing-table";
import { takeWallStats, wallStats } from "./wall-stats";

const ROOT = path.resolve(__dirname, "..", "..");
const backend = process.env.TEST_BACKEND ?? "litesvm";
const perFile = new Map<string, number>();
const perFileStats = new Map<string, typeof wallStats>();
let current: string | undefined;
let since = Date.now();

function account(next: string | undefined): void {
  const now = Date.now();
  const stats = takeWallStats();
  if (current) {
    perFile.set(current, (perFile.get(current) ?? 0) + (now - since));
    const sum = perFileStats.get(current) ?? { waitMs: 0, txCount: 0, txMs: 0 };
    perFileStats.set(current, {
      waitMs: sum.waitMs + stats.waitMs,
      txCount: sum.txCount + stats.txCount,
      txMs: sum.txMs + stats.txMs,
    });
  }
  current = next;
  since = now;
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    const file = this.currentTest?.file;
    if (!file) return;
    const rel = path.relative(ROOT, file);
    if (rel !== current) account(rel);
  },
  async afterEach(): Promise<void> {
    await drainLogChecks();
  },
  afterAll(): void {
    account(undefined);
    const times = Object.fromEntries(perFile);
    printFileTimes(backend, times);
    if (backend === "validator") printWallStats(times, Object.fromEntries(perFileStats));
    // A shard of a split run writes its own file; scripts/run-tests.ts merges them.
    if (process.env.TEST_TIMINGS_OUT)
      fs.writeFileSync(process.env.TEST_TIMINGS_OUT, JSON.stringify(times));
    else mergeFileTimes(backend, times);
  },
};
