// node_staking::initialize creates the protocol config PDA exactly once.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_2022_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SystemProgram } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { createContext, TestContext } from "../helpers/context";
import { createMint } from "../helpers/tokens";

function configPda(ctx: TestContext): [PublicKey, number] {
  const seed = ctx.nodeStaking.idl.constants.find((c) => c.name === "configSeed");
  expect(seed, "CONFIG_SEED constant in the IDL").to.not.equal(undefined);
  return PublicKey.findProgramAddressSync(
    [Buffer.from(JSON.parse(seed!.value) as number[])],
    ctx.nodeStaking.programId,
  );
}

describe("node_staking: initialize", () => {
  let ctx: TestContext;
  let stakeMint: PublicKey;

  beforeEach(async () => {
    ctx = createContext();
    stakeMint = await createMint(ctx, 9);
  });

  it("creates the config with defaults: 100 tokens minimum, 14-day unbonding", async () => {
    const [config, bump] = configPda(ctx);
    await ctx.nodeStaking.methods
      .initialize({ minProviderStake: null, unbondingSeconds: null })
      .accounts({ admin: ctx.payer.publicKey, stakeMint })
      .rpc();
    const cfg = await ctx.nodeStaking.account.config.fetch(config);
    expect(cfg.admin.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.stakeMint.toBase58()).to.equal(stakeMint.toBase58());
    expect(cfg.minProviderStake.toString()).to.equal((100n * 10n ** 9n).toString());
    expect(cfg.unbondingSeconds).to.equal(14 * 24 * 60 * 60);
    expect(cfg.paused).to.equal(false);
    expect(cfg.bump).to.equal(bump);
    expect(cfg.reserved).to.deep.equal(new Array(64).fill(0));
  });

  it("accepts explicit parameters and a Token-2022 mint", async () => {
    const mint2022 = await createMint(ctx, 6, TOKEN_2022_PROGRAM_ID);
    const [config] = configPda(ctx);
    await ctx.nodeStaking.methods
      .initialize({ minProviderStake: new BN(5_000_000), unbondingSeconds: 3600 })
      .accounts({ admin: ctx.payer.publicKey, stakeMint: mint2022 })
      .rpc();
    const cfg = await ctx.nodeStaking.account.config.fetch(config);
    expect(cfg.stakeMint.toBase58()).to.equal(mint2022.toBase58());
    expect(cfg.minProviderStake.toNumber()).to.equal(5_000_000);
    expect(cfg.unbondingSeconds).to.equal(3600);
  });

  it("rejects a second initialize and leaves the config unchanged", async () => {
    const [config] = configPda(ctx);
    await ctx.nodeStaking.methods
      .initialize({ minProviderStake: null, unbondingSeconds: null })
      .accounts({ admin: ctx.payer.publicKey, stakeMint })
      .rpc();
    // The payer is left out: it pays the fee of the failed transaction.
    const before = snapshot(ctx, [config]);
    await expectFailureWithLog(
      ctx.nodeStaking.methods
        .initialize({ minProviderStake: new BN(1), unbondingSeconds: 1 })
        .accounts({ admin: ctx.payer.publicKey, stakeMint })
        .rpc(),
      `Allocate: account Address { address: ${config.toBase58()}, base: None } already in use`,
    );
    expectUnchanged(ctx, before);
  });

  for (const [label, args, error] of [
    [
      "a zero unbonding period",
      { minProviderStake: null, unbondingSeconds: 0 },
      "InvalidUnbondingPeriod",
    ],
    [
      "an unbonding period over 365 days",
      { minProviderStake: null, unbondingSeconds: 365 * 86400 + 1 },
      "InvalidUnbondingPeriod",
    ],
    [
      "a zero minimum stake",
      { minProviderStake: new BN(0), unbondingSeconds: null },
      "InvalidMinProviderStake",
    ],
  ] as const) {
    it(`rejects ${label} with ${error} and creates nothing`, async () => {
      const [config] = configPda(ctx);
      const before = snapshot(ctx, [config]);
      await expectAnchorError(
        ctx.nodeStaking.methods
          .initialize(args)
          .accounts({ admin: ctx.payer.publicKey, stakeMint })
          .rpc(),
        error,
      );
      expectUnchanged(ctx, before);
    });
  }

  it("rejects unexpected remaining accounts", async () => {
    const [config] = configPda(ctx);
    const before = snapshot(ctx, [config]);
    await expectAnchorError(
      ctx.nodeStaking.methods
        .initialize({ minProviderStake: null, unbondingSeconds: null })
        .accounts({ admin: ctx.payer.publicKey, stakeMint })
        .remainingAccounts([
          { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
        ])
        .rpc(),
      "UnexpectedRemainingAccounts",
    );
    expectUnchanged(ctx, before);
  });

  it("rejects a stake mint that is not a token mint", async () => {
    const [config] = configPda(ctx);
    const before = snapshot(ctx, [config]);
    await expectAnchorError(
      ctx.nodeStaking.methods
        .initialize({ minProviderStake: null, unbondingSeconds: null })
        .accounts({ admin: ctx.payer.publicKey, stakeMint: ctx.payer.publicKey })
        .rpc(),
      "AccountOwnedByWrongProgram",
    );
    expectUnchanged(ctx, before);
  });
});
