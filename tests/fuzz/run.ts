// Runs the fuzz spec (market.fuzz.ts) in worker processes, one per core by
// default, each with its own seed and share of the budget, and prints the
// totals and the throughput.
//
//   npx ts-node -P tsconfig.json tests/fuzz/run.ts                 # FUZZ_RUNS=300, 1 worker
//   FUZZ_RUNS=10000 FUZZ_WORKERS=2 npx ts-node -P tsconfig.json tests/fuzz/run.ts
//   FUZZ_SEED=<seed> FUZZ_PATH=<path> ... replays a failure (one worker; both printed by fast-check)
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const WORKERS = process.env.FUZZ_PATH ? 1 : Number(process.env.FUZZ_WORKERS ?? 1);
const BASE_SEED =
  process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
/** A worker killed by a native crash (see chain.ts `collectGarbage`) is restarted this often. */
const RESTARTS = Number(process.env.FUZZ_RESTARTS ?? 3);

interface Summary {
  seed: number;
  sequences: number;
  operations: number;
  transactions: number;
  predictedFailures: number;
  seconds: number;
  cpuSeconds: number;
  errors: Record<string, number>;
  byOp: Record<string, { ok: number; fail: number }>;
}

function worker(
  index: number,
  runs: number,
  seed: number,
): Promise<{ code: number; summary?: Summary }> {
  const statsFile = path.join(os.tmpdir(), `fuzz-${process.pid}-${index}-${seed}.json`);
  const args = [
    "--expose-gc",
    "--max-semi-space-size=64",
    path.join(ROOT, "node_modules", "mocha", "bin", "mocha.js"),
    "-r",
    "ts-node/register",
    "-t",
    "0",
    "--exit",
    path.join(ROOT, "tests", "fuzz", "market.fuzz.ts"),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: "inherit",
      env: {
        ...process.env,
        TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json"),
        TS_NODE_TRANSPILE_ONLY: "1",
        TEST_BACKEND: "litesvm",
        FUZZ_RUNS: String(runs),
        FUZZ_SEED: String(seed),
        FUZZ_STATS_FILE: statsFile,
      },
    });
    child.on("exit", (code, signal) => {
      let summary: Summary | undefined;
      if (fs.existsSync(statsFile)) {
        summary = JSON.parse(fs.readFileSync(statsFile, "utf8")) as Summary;
        fs.unlinkSync(statsFile);
      }
      resolve({ code: code ?? (signal ? 128 : 1), summary });
    });
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const share = Math.ceil(RUNS / WORKERS);
  const results = await Promise.all(
    Array.from({ length: WORKERS }, async (_, i) => {
      let seed = BASE_SEED + i;
      let left = Math.min(share, RUNS - i * share);
      const done: Summary[] = [];
      for (let attempt = 0; left > 0; attempt++) {
        const r = await worker(i, left, seed);
        if (r.summary) done.push(r.summary);
        if (r.code === 0) return { ok: true, done };
        if (r.summary) return { ok: false, done }; // a property failure: mocha printed it above
        // Killed without a summary (a native crash of the runtime, see chain.ts
        // collectGarbage): not a finding; run the share again with a new seed.
        if (attempt >= RESTARTS) return { ok: false, done };
        console.error(
          `fuzz worker ${i} (seed ${seed}) died without a result; restarting with seed ${seed + 1000}`,
        );
        seed += 1000;
      }
      return { ok: true, done };
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const all = results.flatMap((r) => r.done);
  const sum = (f: (s: Summary) => number) => all.reduce((t, s) => t + f(s), 0);
  const sequences = sum((s) => s.sequences);
  const operations = sum((s) => s.operations);
  const errors: Record<string, number> = {};
  for (const s of all)
    for (const [k, v] of Object.entries(s.errors)) errors[k] = (errors[k] ?? 0) + v;
  console.log(
    `\nfuzz total: ${sequences} sequences, ${operations} operations (${sum((s) => s.transactions)} transactions, ` +
      `${sum((s) => s.predictedFailures)} predicted failures, ${Object.keys(errors).length} distinct errors) ` +
      `with ${WORKERS} worker(s) in ${seconds.toFixed(1)} s wall: ${Math.round(operations / seconds)} operations/s ` +
      `(seeds ${all.map((s) => s.seed).join(", ")})`,
  );
  const cpu = sum((s) => s.cpuSeconds);
  console.log(
    `fuzz cpu: ${cpu.toFixed(0)} CPU s in the workers (${((1000 * cpu) / Math.max(1, sequences)).toFixed(1)} ms per sequence, ` +
      `${Math.round(operations / Math.max(1, cpu))} operations per CPU s): on ${WORKERS} idle core(s) about ` +
      `${(cpu / WORKERS).toFixed(0)} s`,
  );
  if (process.env.FUZZ_REPORT)
    fs.writeFileSync(
      process.env.FUZZ_REPORT,
      JSON.stringify({ seconds, sequences, operations, errors, runs: all }, null, 1),
    );
  if (!results.every((r) => r.ok)) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
