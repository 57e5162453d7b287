// Property-based test of both programs on LiteSVM (issue 13): random markets
// and random sequences of operations over every instruction, each checked
// against the BigInt reference model (model.ts) after every step, each run
// ending with a full drain. Not part of `tests/**/*.test.ts`; run it with
// tests/fuzz/run.ts (see tests/fuzz/README.md):
//
//   FUZZ_RUNS=300 npx ts-node -P tsconfig.json tests/fuzz/run.ts
//   FUZZ_SEED=<seed> [FUZZ_PATH=<path>] ... replays a failure.
import * as fs from "fs";
import fc from "fast-check";

import { Chain } from "./chain";
import { marketArb, newStats, opsArb, PropertyFailure, Run, Stats } from "./ops";

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED =
  process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const PATH = process.env.FUZZ_PATH;
const MIN_OPS = Number(process.env.FUZZ_MIN_OPS ?? 20);
const MAX_OPS = Number(process.env.FUZZ_MAX_OPS ?? 60);
/** Sequences per LiteSVM world before a fresh one is made (tier ids are u16, accounts pile up). */
const WORLD_REUSE = Number(process.env.FUZZ_WORLD_REUSE ?? 400);

describe("fuzz: random markets against node_staking and rental_escrow (LiteSVM)", function () {
  this.timeout(0);

  it(`${RUNS} random sequences (seed ${SEED}) match the reference model and drain completely`, async () => {
    const stats: Stats = newStats();
    let chain = await Chain.create();
    let worlds = 1;
    let uses = 0;
    let lastTrace: string[] = [];
    const started = Date.now();
    const property = fc.asyncProperty(marketArb, opsArb(MIN_OPS, MAX_OPS), async (market, ops) => {
      if (uses >= WORLD_REUSE) {
        chain = await Chain.create();
        worlds++;
        uses = 0;
      }
      uses++;
      const run = new Run(chain, stats, process.env.FUZZ_VERBOSE === "1");
      try {
        run.setup(market);
        for (const op of ops) run.execOp(op);
        run.drain();
      } catch (e) {
        lastTrace = run.trace;
        if (e instanceof PropertyFailure) throw e;
        throw new PropertyFailure(`unexpected error: ${(e as Error).stack}`);
      }
      stats.sequences++;
      if (process.env.FUZZ_PROGRESS && stats.sequences % 50 === 0) {
        const m = process.memoryUsage();
        console.log(
          `    ${stats.sequences} sequences, ${stats.ops} operations, ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
            `heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB, rss ${(m.rss / 2 ** 20).toFixed(0)} MB`,
        );
      }
    });
    let failure: unknown;
    try {
      await fc.assert(property, {
        numRuns: RUNS,
        seed: SEED,
        path: PATH,
        endOnFailure: process.env.FUZZ_NO_SHRINK === "1",
        verbose: 1,
      });
    } catch (e) {
      failure = e;
    }
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage();
    const summary = {
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      seed: SEED,
      sequences: stats.sequences,
      operations: stats.ops,
      transactions: stats.txs,
      predictedFailures: stats.failuresPredicted,
      seconds,
      opsPerSecond: Math.round(stats.ops / seconds),
      worlds,
      byOp: stats.byOp,
      errors: stats.errors,
    };
    if (process.env.FUZZ_STATS_FILE)
      fs.writeFileSync(process.env.FUZZ_STATS_FILE, JSON.stringify(summary, null, 1));
    console.log(
      `    fuzz: ${stats.sequences} sequences, ${stats.ops} operations (${stats.txs} transactions, ` +
        `${stats.failuresPredicted} predicted failures) in ${seconds.toFixed(1)} s: ${summary.opsPerSecond} operations/s`,
    );
    if (failure) {
      console.log(
        `    trace of the last (shrunk) failing sequence:\n      ${lastTrace.join("\n      ")}`,
      );
      console.log(`    replay: FUZZ_SEED=${SEED} (and the path fast-check prints) FUZZ_RUNS=1`);
      throw failure;
    }
  });
});
