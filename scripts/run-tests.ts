// The whole suite on both backends: LiteSVM in-process, then real
// solana-test-validators started here (free ports, temporary ledgers; the
// files split across them, see validatorShards), with the programs in their
// genesis. Exits non-zero on any failure and keeps each validator's log
// (target/localnet-test[-<shard>]/validator.log).
import { spawn } from "child_process";
import { Connection } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { unseenInstructions } from "../tests/helpers/event-contract";
import { mergeFileTimes, printFileTimes } from "../tests/helpers/timing-table";
import { pythFixtureArgs, startValidator, stopValidator, validatorIdles } from "./lib/localnet";
import { REPO_ROOT, workspacePrograms } from "./lib/programs";

/** 8 ticks per slot: 50 ms slots instead of 400 ms (see README, Tests). */
const DEFAULT_TICKS_PER_SLOT = 8;
/**
 * Validators the validator suite is split across (see validatorShards), on
 * this 2-core machine. The validator tools/setup.sh builds idles at about
 * 0.45 of a core (tools/validator/README.md), so shards overlap their tests'
 * waits: 3 shards 165 s, 4 shards 130 s, 5 shards 124 s (2026-12-05). A stock
 * agave keeps about 1.5 cores busy per idle validator (1 shard 7.3 min,
 * 2 shards 5.6, 3 shards 5.4), so with it 2.
 */
const SHARDS_IDLE_VALIDATOR = 4;
const SHARDS_STOCK_VALIDATOR = 2;

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
 * On a full run, every instruction of both programs must have been seen
 * succeeding with its events (tests/helpers/event-contract.ts) on `backend`;
 * every successful transaction was checked against the contract as it ran.
 */
function eventCoverageOk(eventLog: string, backend: string): boolean {
  if (!FULL_RUN) return true;
  const unseen = unseenInstructions(eventLog, backend);
  if (unseen.length) {
    console.error(`event contract: never seen succeeding on ${backend}: ${unseen}`);
    return false;
  }
  console.log(`event contract: every instruction seen emitting its events (${eventLog})`);
  return true;
}

/**
 * ts-node settings for the LiteSVM run: transpile only when scripts/test.sh
 * has just type-checked every TypeScript file (`tsc --noEmit`, which sets
 * GPU_DEPIN_TYPES_CHECKED), else type-check the suite as it loads.
 */
function transpileOnly(): Record<string, string> {
  return process.env.GPU_DEPIN_TYPES_CHECKED === "1" ? { TS_NODE_TRANSPILE_ONLY: "true" } : {};
}

/** The suite on LiteSVM (in-process), output streamed. */
async function runLiteSvm(): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  const eventLog = path.join(REPO_ROOT, "target", "event-log-litesvm.jsonl");
  fs.mkdirSync(path.dirname(eventLog), { recursive: true });
  fs.rmSync(eventLog, { force: true });
  const r = await mochaProcess(
    SPECS,
    { TEST_BACKEND: "litesvm", GPU_DEPIN_EVENT_LOG: eventLog, ...transpileOnly() },
    true,
  );
  const ok = eventCoverageOk(eventLog, "litesvm") && r.ok;
  return { ok, ms: Date.now() - started };
}

/**
 * How many validators the validator suite runs on (VALIDATOR_SHARDS,
 * default by the validator build, see SHARDS_IDLE_VALIDATOR; 1 = one
 * validator, output streamed).
 * The test files wait on the validator's real clock and on confirmations
 * more than they compute, so files split across independent validators,
 * each with its own programs, configs and treasury, overlap their waits
 * without sharing any state.
 */
function validatorShards(): number {
  const n = Number(
    process.env.VALIDATOR_SHARDS ??
      (validatorIdles() ? SHARDS_IDLE_VALIDATOR : SHARDS_STOCK_VALIDATOR),
  );
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error("VALIDATOR_SHARDS must be 1 to 8");
  return n;
}

/**
 * Splits the spec files into `n` shards of about equal time (longest first
 * into the least loaded shard; times from the last run, else
 * scripts/lib/validator-file-seconds.json). Every shard starts with the
 * initialize suites, since every validator starts empty.
 */
function shardSpecs(n: number): string[][] {
  const init = SPECS.filter((f) => f.includes("/00-initialize.test.ts"));
  const rest = SPECS.filter((f) => !init.includes(f));
  const lastRun = path.join(REPO_ROOT, "target", "test-timings.json");
  const known: Record<string, number> = {
    ...(JSON.parse(
      fs.readFileSync(
        path.join(REPO_ROOT, "scripts", "lib", "validator-file-seconds.json"),
        "utf8",
      ),
    ) as Record<string, number>),
    ...Object.fromEntries(
      Object.entries(
        (fs.existsSync(lastRun)
          ? (JSON.parse(fs.readFileSync(lastRun, "utf8")).files?.validator ?? {})
          : {}) as Record<string, number>,
      ).map(([f, ms]) => [f, ms / 1000]),
    ),
  };
  const shards = Array.from({ length: n }, () => ({ files: [] as string[], load: 0 }));
  for (const f of [...rest].sort((a, b) => (known[b] ?? 10) - (known[a] ?? 10))) {
    const target = shards.reduce((min, s) => (s.load < min.load ? s : min));
    target.files.push(f);
    target.load += known[f] ?? 10;
  }
  return shards.map((s) => suiteOrder([...init, ...s.files]));
}

/** Runs one mocha process; resolves with its exit status and output. */
function mochaProcess(
  specs: string[],
  env: NodeJS.ProcessEnv,
  echo: boolean,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", [...MOCHA, ...specs], {
      cwd: REPO_ROOT,
      stdio: echo ? "inherit" : ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}

/**
 * The validator suite on `n` fresh validators (free ports, genesis
 * programs), one mocha process each; a shard's output is printed when it
 * ends. The event-contract log is shared: every instruction must be seen on
 * some validator.
 */
async function runValidatorShards(
  n: number,
): Promise<{ ok: boolean; timings: Record<string, number> }> {
  const started = Date.now();
  const shards = n === 1 ? [SPECS] : shardSpecs(n);
  console.log(`\n==> starting ${shards.length} solana-test-validator(s)`);
  // The programs are in the genesis (the run's wallet is their upgrade
  // authority); tests/deploy.test.ts deploys the same bytes through the
  // loader once per validator it runs on.
  const programs = workspacePrograms().map((p) => ({
    programId: p.programId.toBase58(),
    soPath: p.soPath,
  }));
  const nets = await Promise.all(
    shards.map((_, i) =>
      startValidator({
        stateDir: path.join(
          REPO_ROOT,
          "target",
          shards.length === 1 ? "localnet-test" : `localnet-test-${i + 1}`,
        ),
        extraArgs: pythFixtureArgs(REPO_ROOT),
        genesisPrograms: programs,
        ticksPerSlot: Number(process.env.TICKS_PER_SLOT ?? DEFAULT_TICKS_PER_SLOT),
      }),
    ),
  );
  const timings: Record<string, number> = {
    validatorStartupMs: Math.max(...nets.map((x) => x.startupMs)),
  };
  for (const net of nets)
    console.log(`    ${net.url} (pid ${net.pid}, up in ${net.startupMs} ms, log ${net.logFile})`);
  const eventLog = path.join(REPO_ROOT, "target", "event-log-validator.jsonl");
  fs.rmSync(eventLog, { force: true });
  let ok = true;
  try {
    console.log(`\n==> suite on solana-test-validator (${shards.length} shard(s))`);
    const runs = shards.map((specs, i) => {
      const timingsOut = path.join(REPO_ROOT, "target", `test-timings-validator-${i + 1}.json`);
      fs.rmSync(timingsOut, { force: true });
      return mochaProcess(
        specs,
        {
          TEST_BACKEND: "validator",
          SOLANA_URL: nets[i].url,
          TEST_WALLET: nets[i].walletFile,
          GPU_DEPIN_EVENT_LOG: eventLog,
          TEST_TIMINGS_OUT: timingsOut,
          // scripts/test.sh's tsc step or the LiteSVM run (and make lint)
          // type-check the same files; the shards only transpile, which
          // saves each process ~20 s of CPU.
          ...(shards.length > 1 ? { TS_NODE_TRANSPILE_ONLY: "true" } : transpileOnly()),
        },
        shards.length === 1,
      ).then((r) => {
        if (shards.length > 1) {
          console.log(
            `\n---- validator shard ${i + 1}/${shards.length}: ${specs.length} files ----`,
          );
          process.stdout.write(r.output);
        }
        if (!r.ok) console.error(`validator log kept at ${nets[i].logFile}`);
        return r.ok;
      });
    });
    ok = (await Promise.all(runs)).every(Boolean);
  } finally {
    await Promise.all(nets.map((x) => stopValidator(x)));
  }
  const perFile: Record<string, number> = {};
  for (let i = 0; i < shards.length; i++) {
    const f = path.join(REPO_ROOT, "target", `test-timings-validator-${i + 1}.json`);
    if (!fs.existsSync(f)) continue;
    for (const [file, ms] of Object.entries(
      JSON.parse(fs.readFileSync(f, "utf8")) as Record<string, number>,
    ))
      perFile[file] = Math.max(perFile[file] ?? 0, ms);
  }
  if (shards.length > 1)
    printFileTimes("validator, all shards (init suites: slowest shard)", perFile);
  ok = eventCoverageOk(eventLog, "validator") && ok;
  timings.validatorSuiteMs = Date.now() - started;
  timings.validatorShards = shards.length;
  mergeFileTimes("validator", perFile);
  return { ok, timings };
}

async function main(): Promise<void> {
  const only = process.argv[2] === "both" ? undefined : process.argv[2]; // litesvm | validator | both
  const timings: Record<string, number> = {};
  let failed = false;

  if (!only || only === "litesvm") {
    console.log("\n==> suite on LiteSVM (in-process runtime)");
    const r = await runLiteSvm();
    timings.litesvmSuiteMs = r.ms;
    failed ||= !r.ok;
  }

  if (!only || only === "validator") {
    const r = await runValidatorShards(validatorShards());
    Object.assign(timings, r.timings);
    failed ||= !r.ok;
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
