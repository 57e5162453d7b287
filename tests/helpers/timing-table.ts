// Per-spec-file wall times: the table each suite prints and their place in
// target/test-timings.json (`files.<backend>`). Used by the mocha root hooks
// (timing-hooks.ts) and by scripts/run-tests.ts, which merges the shards of
// a split validator run.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Prints `perFile` (milliseconds by file), slowest first, under `title`. */
export function printFileTimes(title: string, perFile: Record<string, number>): void {
  const rows = Object.entries(perFile).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`\nper-file wall time on ${title} (total ${(total / 1000).toFixed(1)} s):`);
  for (const [file, ms] of rows) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${file}`);
}

/**
 * Where each file's validator time went: waiting for the chain clock, and
 * sending and confirming transactions (concurrent sends overlap, so the
 * parts can add up to more than the file's time).
 */
export function printWallStats(
  perFile: Record<string, number>,
  stats: Record<string, { waitMs: number; txCount: number; txMs: number }>,
): void {
  const rows = Object.entries(perFile).sort((a, b) => b[1] - a[1]);
  console.log("\n   file s   clock wait s   txs   tx s   file");
  for (const [file, ms] of rows) {
    const s = stats[file] ?? { waitMs: 0, txCount: 0, txMs: 0 };
    console.log(
      `  ${(ms / 1000).toFixed(1).padStart(7)}  ${(s.waitMs / 1000).toFixed(1).padStart(12)}  ` +
        `${String(s.txCount).padStart(4)}  ${(s.txMs / 1000).toFixed(1).padStart(5)}   ${file}`,
    );
  }
}

/** Stores a backend's per-file times in target/test-timings.json (`files.<backend>`). */
export function mergeFileTimes(backend: string, perFile: Record<string, number>): void {
  if (!Object.keys(perFile).length) return;
  const out = path.join(ROOT, "target", "test-timings.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const previous = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : {};
  previous.files = { ...(previous.files ?? {}), [backend]: perFile };
  fs.writeFileSync(out, JSON.stringify(previous, null, 2) + "\n");
}
