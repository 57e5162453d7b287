// Measurement script (npm run bench): program sizes and compute units per
// instruction, executed on LiteSVM. Prints a table and writes target/bench.json.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { createContext, REPO_ROOT, TestContext } from "../tests/helpers/context";
import { createMint, fundTokenAccount } from "../tests/helpers/tokens";

interface Row {
  program: string;
  instruction: string;
  case: string;
  computeUnits: number;
  ok: boolean;
}

async function measure(
  ctx: TestContext,
  rows: Row[],
  program: string,
  instruction: string,
  label: string,
  send: () => Promise<unknown>,
): Promise<void> {
  let ok = true;
  try {
    await send();
  } catch {
    ok = false;
  }
  rows.push({
    program,
    instruction,
    case: label,
    computeUnits: ctx.provider.lastTransaction!.computeUnits,
    ok,
  });
}

async function main(): Promise<void> {
  const ctx = createContext();
  const rows: Row[] = [];
  const payer = ctx.payer.publicKey;

  const stakeMint = await createMint(ctx, 9);
  await measure(ctx, rows, "node_staking", "initialize", "defaults", () =>
    ctx.nodeStaking.methods
      .initialize({ minProviderStake: null, unbondingSeconds: null })
      .accounts({ admin: payer, stakeMint })
      .rpc(),
  );
  await measure(ctx, rows, "rental_escrow", "initialize", "defaults", () =>
    ctx.rentalEscrow.methods
      .initialize({
        nodeStakingProgram: ctx.nodeStaking.programId,
        maxPriceAgeSeconds: null,
        maxConfidenceBps: null,
      })
      .accounts({ admin: payer, paymentMint: stakeMint })
      .rpc(),
  );

  const newAccount = Keypair.generate();
  await measure(ctx, rows, "sbf_probe", "create_account", "system CPI, 64 bytes", () =>
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
    const mint = await createMint(ctx, 6, tokenProgram);
    const from = await fundTokenAccount(ctx, mint, payer, 1_000n, tokenProgram);
    const to = await fundTokenAccount(ctx, mint, Keypair.generate().publicKey, 0n, tokenProgram);
    await measure(ctx, rows, "sbf_probe", "transfer_tokens", `transfer_checked CPI, ${label}`, () =>
      ctx.probe.methods
        .transferTokens(new BN(10))
        .accounts({ authority: payer, from, to, mint, tokenProgram })
        .rpc(),
    );
  }
  const big = (v: bigint) => new BN(v.toString());
  await measure(ctx, rows, "sbf_probe", "math", "u128 fast paths (divisor < 2^32)", () =>
    ctx.probe.methods
      .math({ a: big(10n ** 20n), b: big(3n), c: big(7n), x: big(-17n), y: big(5n) })
      .rpc(),
  );
  await measure(ctx, rows, "sbf_probe", "math", "u128 general division (divisor > 2^64)", () =>
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
  for (const n of [10, 1000]) {
    await measure(ctx, rows, "sbf_probe", "grow_vec", `${n} pushes`, () =>
      ctx.probe.methods.growVec(n).rpc(),
    );
  }
  await measure(ctx, rows, "sbf_probe", "fail_custom", "named error", () =>
    ctx.probe.methods.failCustom().rpc(),
  );
  await measure(ctx, rows, "sbf_probe", "panic_now", "panic", () =>
    ctx.probe.methods.panicNow(new BN(1)).rpc(),
  );

  const deployDir = path.join(REPO_ROOT, "target", "deploy");
  const sizes = fs
    .readdirSync(deployDir)
    .filter((f) => f.endsWith(".so"))
    .sort()
    .map((f) => ({
      program: f.replace(/\.so$/, ""),
      bytes: fs.statSync(path.join(deployDir, f)).size,
    }));

  console.log("\nProgram binaries (SBPF v0)");
  console.table(sizes);
  console.log("Compute units per instruction (LiteSVM)");
  console.table(rows);
  const out = {
    generatedAt: new Date().toISOString(),
    backend: "litesvm",
    sizes,
    computeUnits: rows,
  };
  fs.writeFileSync(
    path.join(REPO_ROOT, "target", "bench.json"),
    JSON.stringify(out, null, 2) + "\n",
  );
  console.log("wrote target/bench.json");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
