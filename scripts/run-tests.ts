// The whole suite on both backends: LiteSVM in-process, then a real
// solana-test-validator started here (free ports, temporary ledger), with the
// programs deployed through the upgradeable BPF loader. Exits non-zero on any
// failure and keeps the validator log (target/localnet/validator.log).
import { spawnSync } from "child_process";
import { Connection } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { unseenInstructions } from "../tests/helpers/event-contract";
import { pythFixtureArgs, startValidator, stopValidator } from "./lib/localnet";
import { REPO_ROOT, workspacePrograms } from "./lib/programs";

/** 8 ticks per slot: 50 ms slots instead of 400 ms (see README, Tests). */
const DEFAULT_TICKS_PER_SLOT = 8;

const MOCHA = [
  "ts-mocha",
  "-p",
  "./tsconfig.json",
  "-t",
  "300000",
  "--require",
  "tests/helpers/timing-hooks.ts",
];

/** Every `*.test.ts` under `dir`, as paths relative to the repository. */
function testFiles(dir: string): string[] {
  return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "fixtures" ? [] : testFiles(rel);
    return e.name.endsWith(".test.ts") ? [rel] : [];
  });
}

/**
 * The suite's order: the initialize suites first (node_staking's, then
 * rental_escrow's: on the shared validator they must find no config yet,
 * and any other file would create one), then every other file by path.
 */
function suiteOrder(files: string[]): string[] {
  const rank = (f: string) =>
    f.endsWith("node-staking/00-initialize.test.ts")
      ? 0
      : f.endsWith("rental-escrow/00-initialize.test.ts")
        ? 1
        : 2;
  return [...files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

// `run-tests.ts [litesvm|validator|both] [spec files…]`: the spec files narrow
// the run while working on one area (default: every suite, in suiteOrder).
const SPECS = process.argv.slice(3).length
  ? suiteOrder(process.argv.slice(3))
  : suiteOrder(testFiles("tests"));

const FULL_RUN = process.argv.slice(3).length === 0;

/**
 * Runs the suite on one backend. Every successful transaction is checked
 * against the event contract (tests/helpers/event-contract.ts); on a full run,
 * every instruction of both programs must also have been seen there.
 */
function runMocha(env: NodeJS.ProcessEnv & { TEST_BACKEND: string }): {
  ok: boolean;
  ms: number;
} {
  const started = Date.now();
  const eventLog = path.join(REPO_ROOT, "target", `event-log-${env.TEST_BACKEND}.jsonl`);
  fs.mkdirSync(path.dirname(eventLog), { recursive: true });
  fs.rmSync(eventLog, { force: true });
  const res = spawnSync("npx", [...MOCHA, ...SPECS], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, ...env, GPU_DEPIN_EVENT_LOG: eventLog },
  });
  let ok = res.status === 0;
  if (FULL_RUN) {
    const unseen = unseenInstructions(eventLog, env.TEST_BACKEND);
    if (unseen.length) {
      console.error(`event contract: never seen succeeding on ${env.TEST_BACKEND}: ${unseen}`);
      ok = false;
    } else {
      console.log(`event contract: every instruction seen emitting its events (${eventLog})`);
    }
  }
  return { ok, ms: Date.now() - started };
}

async function main(): Promise<void> {
  const only = process.argv[2] === "both" ? undefined : process.argv[2]; // litesvm | validator | both
  const timings: Record<string, number> = {};
  let failed = false;

  if (!only || only === "litesvm") {
    console.log("\n==> suite on LiteSVM (in-process runtime)");
    const r = runMocha({ TEST_BACKEND: "litesvm" });
    timings.litesvmSuiteMs = r.ms;
    failed ||= !r.ok;
  }

  if (!only || only === "validator") {
    console.log("\n==> starting solana-test-validator");
    const stateDir = path.join(REPO_ROOT, "target", "localnet-test");
    // The programs are in the genesis (the run's wallet is their upgrade
    // authority); tests/deploy.test.ts deploys the same bytes through the
    // loader once.
    const programs = workspacePrograms();
    const net = await startValidator({
      stateDir,
      extraArgs: pythFixtureArgs(REPO_ROOT),
      genesisPrograms: programs.map((p) => ({
        programId: p.programId.toBase58(),
        soPath: p.soPath,
      })),
      ticksPerSlot: Number(process.env.TICKS_PER_SLOT ?? DEFAULT_TICKS_PER_SLOT),
    });
    timings.validatorStartupMs = net.startupMs;
    console.log(`    ${net.url} (pid ${net.pid}, up in ${net.startupMs} ms, log ${net.logFile})`);
    try {
      console.log("\n==> suite on solana-test-validator");
      const r = runMocha({
        TEST_BACKEND: "validator",
        SOLANA_URL: net.url,
        TEST_WALLET: net.walletFile,
      });
      timings.validatorSuiteMs = r.ms;
      if (!r.ok) {
        failed = true;
        console.error(`validator log kept at ${net.logFile}`);
      }
    } finally {
      await stopValidator(net);
    }
  }

  fs.mkdirSync(path.join(REPO_ROOT, "target"), { recursive: true });
  const file = path.join(REPO_ROOT, "target", "test-timings.json");
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  fs.writeFileSync(file, JSON.stringify({ ...previous, ...timings }, null, 2) + "\n");
  console.log("\ntimings:", timings);
  if (failed) {
    console.error("\nSOME TESTS FAILED");
    process.exit(1);
  }
  // The deploy's Connection keeps reconnecting its websocket to the stopped
  // validator, which would keep node alive.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
