// Measurement script (`npm run bench`, after a build):
//  - size of each program binary;
//  - compute units of every instruction: min/median/max over the successful
//    transactions of the LiteSVM suite (tests/helpers/cu-log.ts), and scripted
//    cases on both LiteSVM and a real solana-test-validator (programs deployed
//    through the upgradeable loader here);
//  - validator start-up and deploy times, and (with --suites) the wall time
//    of the whole test suite on each backend.
// Prints tables and writes target/bench.json.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { pythFixtureArgs, startValidator, stopValidator } from "./lib/localnet";
import { deployPrograms, REPO_ROOT, workspacePrograms } from "./lib/programs";

interface Row {
  program: string;
  instruction: string;
  case: string;
  litesvm?: number;
  validator?: number;
}

type Ctx = import("../tests/helpers/context").TestContext;

// The tests' context module reads TEST_BACKEND when loaded: load it per backend.
function contextModule(): typeof import("../tests/helpers/context") {
  for (const key of Object.keys(require.cache)) {
    if (key.includes(`${path.sep}tests${path.sep}helpers${path.sep}`)) delete require.cache[key];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../tests/helpers/context");
}

async function measureAll(backend: "litesvm" | "validator", rows: Row[]): Promise<void> {
  process.env.TEST_BACKEND = backend;
  const mod = contextModule();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tokens = require("../tests/helpers/tokens") as typeof import("../tests/helpers/tokens");
  const ctx: Ctx = await mod.createContext();
  const payer = ctx.payer.publicKey;

  const record = async (
    program: string,
    instruction: string,
    label: string,
    send: () => Promise<unknown>,
    expectFailure = false,
  ): Promise<void> => {
    let units: number;
    try {
      await send();
      if (expectFailure) throw new Error(`${instruction} (${label}) was expected to fail`);
      units = (await mod.lastTransaction(ctx)).computeUnits;
    } catch (e) {
      if (!expectFailure) throw e;
      // Failed transactions: the unit count is in the program's "consumed" log line.
      const logs: string[] = (e as { logs?: string[] }).logs ?? [];
      const line = logs.find((l) => / consumed \d+ of \d+ compute units/.test(l));
      units = line ? Number(/ consumed (\d+) of/.exec(line)![1]) : NaN;
    }
    let row = rows.find(
      (r) => r.program === program && r.instruction === instruction && r.case === label,
    );
    if (!row) rows.push((row = { program, instruction, case: label }));
    row[backend] = units;
  };

  const stakeMint = await tokens.createMint(ctx, 9);
  const treasury = await tokens.fundTokenAccount(ctx, stakeMint, payer, 0n);
  const stakingConfig = PublicKey.findProgramAddressSync(
    [Buffer.from("config")],
    ctx.nodeStaking.programId,
  )[0];
  if (!(await ctx.connection.getAccountInfo(stakingConfig))) {
    await record("node_staking", "initialize", "defaults", () =>
      ctx.nodeStaking.methods
        .initialize({ minProviderStake: null, unbondingSeconds: null })
        .accounts({ admin: payer, stakeMint, treasury, tokenProgram: TOKEN_PROGRAM_ID })
        .rpc(),
    );
    await record("rental_escrow", "initialize", "defaults", () =>
      ctx.rentalEscrow.methods
        .initialize({
          oracleKind: { pythLegacy: {} },
          oracleProgram: mod.PYTH.legacyMainnet,
          oracleAccount: Keypair.generate().publicKey,
          feedId: new Array(32).fill(0),
          disputeAuthority: payer,
          maxPriceAgeSeconds: null,
          maxConfidenceBps: null,
          reservationFeeBps: null,
          disputeWindowSeconds: null,
        })
        .accountsPartial({
          admin: payer,
          stakingConfig,
          paymentMint: stakeMint,
          treasury,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .rpc(),
    );
  }

  const newAccount = Keypair.generate();
  await record("sbf_probe", "create_account", "system CPI, 64 bytes", () =>
    ctx.probe.methods
      .createAccount(new BN(64))
      .accounts({ payer, newAccount: newAccount.publicKey })
      .signers([newAccount])
      .rpc(),
  );
  for (const [label, tokenProgram] of [
    ["SPL Token", TOKEN_PROGRAM_ID],
    ["Token-2022", TOKEN_2022_PROGRAM_ID],
  ] as [string, PublicKey][]) {
    const mint = await tokens.createMint(ctx, 6, tokenProgram);
    const from = await tokens.fundTokenAccount(ctx, mint, payer, 1_000n, tokenProgram);
    const to = await tokens.fundTokenAccount(
      ctx,
      mint,
      Keypair.generate().publicKey,
      0n,
      tokenProgram,
    );
    await record("sbf_probe", "transfer_tokens", `transfer_checked CPI, ${label}`, () =>
      ctx.probe.methods
        .transferTokens(new BN(10))
        .accounts({ authority: payer, from, to, mint, tokenProgram })
        .rpc(),
    );
  }
  const big = (v: bigint) => new BN(v.toString());
  await record("sbf_probe", "math", "u128 fast paths (divisor < 2^32)", () =>
    ctx.probe.methods
      .math({ a: big(10n ** 20n), b: big(3n), c: big(7n), x: big(-17n), y: big(5n) })
      .rpc(),
  );
  await record("sbf_probe", "math", "u128 general division (divisor > 2^64)", () =>
    ctx.probe.methods
      .math({
        a: big((1n << 120n) + 99n),
        b: big(1n),
        c: big((1n << 70n) + 3n),
        x: big(-17n),
        y: big(5n),
      })
      .rpc(),
  );
  await record(
    "sbf_probe",
    "mul_div",
    "u128 a*b/c and a*b%c, divisor >= 2^64 (whole instruction)",
    () =>
      ctx.probe.methods
        .mulDiv(big(3n * 10n ** 18n), big(7n * 10n ** 12n), big((1n << 70n) + 3n))
        .rpc(),
  );
  for (const n of [10, 1000]) {
    await record("sbf_probe", "grow_vec", `${n} pushes`, () => ctx.probe.methods.growVec(n).rpc());
  }
  await record(
    "sbf_probe",
    "fail_custom",
    "named error (fails)",
    () => ctx.probe.methods.failCustom().rpc(),
    true,
  );
  await record(
    "sbf_probe",
    "panic_now",
    "panic (fails)",
    () => ctx.probe.methods.panicNow(new BN(1)).rpc(),
    true,
  );
}

/**
 * min / median / max units of each (program, instruction) in the CU log, per
 * backend. Medians of an even count take the lower middle sample.
 */
function summariseComputeUnits(file: string, rows: Row[]) {
  const names = new Map(workspacePrograms().map((p) => [p.programId.toBase58(), p.name]));
  const samples = new Map<string, { litesvm: number[]; validator: number[] }>();
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const s = JSON.parse(line) as {
      backend: "litesvm" | "validator";
      programId: string;
      program?: string;
      instruction: string;
      case?: string;
      computeUnits: number;
    };
    if (s.case !== undefined && s.program !== undefined) {
      // A labelled case a test measured (tests/helpers/cu-log.ts recordCase).
      let row = rows.find(
        (r) => r.program === s.program && r.instruction === s.instruction && r.case === s.case,
      );
      if (!row) rows.push((row = { program: s.program, instruction: s.instruction, case: s.case }));
      row[s.backend] = s.computeUnits;
      continue;
    }
    const program = names.get(s.programId);
    if (!program || program === "sbf_probe" || program === "test_oracle") continue;
    const key = `${program} ${s.instruction}`;
    if (!samples.has(key)) samples.set(key, { litesvm: [], validator: [] });
    samples.get(key)![s.backend].push(s.computeUnits);
  }
  const stats = (units: number[]) => {
    if (units.length === 0) return "-";
    const u = [...units].sort((a, b) => a - b);
    return `${u[0]} / ${u[Math.floor((u.length - 1) / 2)]} / ${u[u.length - 1]} (${u.length})`;
  };
  return [...samples.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { litesvm, validator }]) => {
      const [program, instruction] = key.split(" ");
      return {
        program,
        instruction,
        "litesvm min / median / max (n)": stats(litesvm),
        "validator min / median / max (n)": stats(validator),
      };
    });
}

async function main(): Promise<void> {
  const withSuites = process.argv.includes("--suites");
  const rows: Row[] = [];
  const times: Record<string, number> = {};

  const sizes = workspacePrograms().map((p) => ({
    program: p.name,
    bytes: fs.statSync(p.soPath).size,
  }));

  await measureAll("litesvm", rows);

  const net = await startValidator({
    stateDir: path.join(REPO_ROOT, "target", "localnet-bench"),
    extraArgs: pythFixtureArgs(REPO_ROOT),
  });
  times.validatorStartupMs = net.startupMs;
  try {
    const connection = new Connection(net.url, "confirmed");
    for (const d of await deployPrograms(connection, net.wallet, workspacePrograms())) {
      times[`deploy_${d.program.name}_ms`] = d.ms;
    }
    process.env.SOLANA_URL = net.url;
    process.env.TEST_WALLET = net.walletFile;
    await measureAll("validator", rows);
  } finally {
    await stopValidator(net);
  }

  // The suites: on LiteSVM always (their transactions are the CU sample of
  // every instruction), on the validator too with --suites (wall times).
  const cuLog = path.join(REPO_ROOT, "target", "cu-log.jsonl");
  fs.rmSync(cuLog, { force: true });
  const res = spawnSync(
    "npx",
    ["ts-node", "-P", "tsconfig.json", "scripts/run-tests.ts", withSuites ? "both" : "litesvm"],
    { cwd: REPO_ROOT, stdio: "inherit", env: { ...process.env, GPU_DEPIN_CU_LOG: cuLog } },
  );
  if (res.status !== 0) throw new Error("the test suites failed");
  if (withSuites) {
    // The suites time themselves (scripts/run-tests.ts writes target/test-timings.json).
    Object.assign(
      times,
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "target", "test-timings.json"), "utf8")),
    );
  }
  const perInstruction = summariseComputeUnits(cuLog, rows);

  console.log("\nProgram binaries (SBPF v0)");
  console.table(sizes);
  console.log(
    "Compute units per instruction, over the suites' successful transactions (validator: with --suites)",
  );
  console.table(perInstruction);
  console.log("Compute units of scripted and test-measured cases, per backend");
  console.table(rows);
  console.log("Times (ms)");
  console.table(times);
  const out = {
    generatedAt: new Date().toISOString(),
    sizes,
    computeUnitsPerInstruction: perInstruction,
    computeUnits: rows,
    timesMs: times,
  };
  fs.writeFileSync(
    path.join(REPO_ROOT, "target", "bench.json"),
    JSON.stringify(out, null, 2) + "\n",
  );
  console.log("wrote target/bench.json");
}

// Exit explicitly: web3.js Connections keep websockets (and node) alive.
main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
