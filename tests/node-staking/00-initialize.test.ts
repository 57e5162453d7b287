// node_staking::initialize creates the protocol config PDA exactly once.
// One story on one chain: invalid arguments are rejected while the config does
// not exist yet, then it is created, then a second initialize is rejected.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SystemProgram } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { createContext, fundedKeypair, TestContext } from "../helpers/context";
import {
  createMint,
  createMint2022WithExtension,
  fundTokenAccount,
  HostileExtension,
} from "../helpers/tokens";

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
  let treasury: PublicKey;
  let config: PublicKey;
  let bump: number;

  before(async () => {
    ctx = await createContext();
    stakeMint = await createMint(ctx, 9);
    treasury = await fundTokenAccount(ctx, stakeMint, ctx.payer.publicKey, 0n);
    [config, bump] = configPda(ctx);
  });

  const initialize = (
    args: { minProviderStake: BN | null; unbondingSeconds: number | null },
    accounts: { mint?: PublicKey; treasury?: PublicKey; tokenProgram?: PublicKey } = {},
  ) =>
    ctx.nodeStaking.methods.initialize(args).accounts({
      admin: ctx.payer.publicKey,
      stakeMint: accounts.mint ?? stakeMint,
      treasury: accounts.treasury ?? treasury,
      tokenProgram: accounts.tokenProgram ?? TOKEN_PROGRAM_ID,
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
      const before = await snapshot(ctx, [config]);
      await expectAnchorError(initialize(args).rpc(), error);
      await expectUnchanged(ctx, before);
    });
  }

  it("rejects unexpected remaining accounts", async () => {
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize({ minProviderStake: null, unbondingSeconds: null })
        .remainingAccounts([
          { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
        ])
        .rpc(),
      "UnexpectedRemainingAccounts",
    );
    await expectUnchanged(ctx, before);
  });

  it("rejects a stake mint that is not a token mint", async () => {
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(
        { minProviderStake: null, unbondingSeconds: null },
        { mint: ctx.payer.publicKey },
      ).rpc(),
      "AccountOwnedByWrongProgram",
    );
    await expectUnchanged(ctx, before);
  });

  it("rejects a treasury of another mint", async () => {
    const otherMint = await createMint(ctx, 9);
    const otherTreasury = await fundTokenAccount(ctx, otherMint, ctx.payer.publicKey, 0n);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(
        { minProviderStake: null, unbondingSeconds: null },
        { treasury: otherTreasury },
      ).rpc(),
      "TreasuryMintMismatch",
    );
    await expectUnchanged(ctx, before);
  });

  it("rejects a mint with more than 12 decimals", async () => {
    const wide = await createMint(ctx, 13);
    const wideTreasury = await fundTokenAccount(ctx, wide, ctx.payer.publicKey, 0n);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(
        { minProviderStake: null, unbondingSeconds: null },
        { mint: wide, treasury: wideTreasury },
      ).rpc(),
      "UnsupportedMintDecimals",
    );
    await expectUnchanged(ctx, before);
  });

  for (const extension of [
    "transferFee",
    "permanentDelegate",
    "transferHook",
    "defaultFrozen",
    "mintCloseAuthority",
  ] as HostileExtension[]) {
    it(`rejects a Token-2022 mint with the ${extension} extension`, async () => {
      const mint = await createMint2022WithExtension(ctx, extension);
      // A default-frozen mint's new accounts are frozen; the treasury only
      // has to exist for the mint check to run.
      const mintTreasury = await fundTokenAccount(
        ctx,
        mint,
        ctx.payer.publicKey,
        0n,
        TOKEN_2022_PROGRAM_ID,
      );
      const before = await snapshot(ctx, [config]);
      await expectAnchorError(
        initialize(
          { minProviderStake: null, unbondingSeconds: null },
          { mint, treasury: mintTreasury, tokenProgram: TOKEN_2022_PROGRAM_ID },
        ).rpc(),
        "UnsupportedMintExtension",
      );
      await expectUnchanged(ctx, before);
    });
  }

  it("rejects a stake mint with a freeze authority (MintHasFreezeAuthority)", async () => {
    const freezable = await createMint(ctx, 9, TOKEN_PROGRAM_ID, ctx.payer.publicKey, true);
    const freezableTreasury = await fundTokenAccount(ctx, freezable, ctx.payer.publicKey, 0n);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(
        { minProviderStake: null, unbondingSeconds: null },
        { mint: freezable, treasury: freezableTreasury },
      ).rpc(),
      "MintHasFreezeAuthority",
    );
    await expectUnchanged(ctx, before);
  });

  it("rejects a signer that is not the program's upgrade authority (NotUpgradeAuthority, audit S-L5)", async () => {
    // Whoever calls initialize first after a deploy would own the protocol;
    // only the upgrade authority (the deployer) may.
    const stranger = await fundedKeypair(ctx);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      ctx.nodeStaking.methods
        .initialize({ minProviderStake: null, unbondingSeconds: null })
        .accounts({
          admin: stranger.publicKey,
          stakeMint,
          treasury,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([stranger])
        .rpc(),
      "NotUpgradeAuthority",
    );
    await expectUnchanged(ctx, before);
  });

  it("creates the config with defaults: 100 tokens minimum, 14-day unbonding", async () => {
    await initialize({ minProviderStake: null, unbondingSeconds: null }).rpc();
    const cfg = await ctx.nodeStaking.account.config.fetch(config);
    expect(cfg.admin.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.stakeMint.toBase58()).to.equal(stakeMint.toBase58());
    expect(cfg.tokenProgram.toBase58()).to.equal(TOKEN_PROGRAM_ID.toBase58());
    expect(cfg.treasury.toBase58()).to.equal(treasury.toBase58());
    expect(cfg.pendingAdmin.toBase58()).to.equal(PublicKey.default.toBase58());
    expect(cfg.slashAuthority.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.rewardAuthority.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.rentalAuthority.toBase58()).to.equal(PublicKey.default.toBase58());
    expect(cfg.minProviderStake.toString()).to.equal((100n * 10n ** 9n).toString());
    expect(cfg.minDelegation.toString()).to.equal((1n * 10n ** 9n).toString());
    expect(cfg.maxSlashPerEpoch.toString()).to.equal((1_000_000n * 10n ** 9n).toString());
    expect(cfg.slashEpoch.toNumber()).to.equal(0);
    expect(cfg.slashedInEpoch.toNumber()).to.equal(0);
    expect(cfg.unbondingSeconds).to.equal(14 * 24 * 60 * 60);
    expect(cfg.epochSeconds).to.equal(24 * 60 * 60);
    expect(cfg.minUptimeBps).to.equal(9000);
    expect(cfg.maxLowEpochs).to.equal(3);
    expect(cfg.nodesRegistered.toNumber()).to.equal(0);
    expect(cfg.paused).to.equal(false);
    expect(cfg.bump).to.equal(bump);
    expect(cfg.reserved).to.deep.equal(new Array(64).fill(0));
  });

  it("rejects a second initialize and leaves the config unchanged", async () => {
    // The payer is left out: it pays the fee of the failed transaction on LiteSVM.
    const before = await snapshot(ctx, [config]);
    await expectFailureWithLog(
      initialize({ minProviderStake: new BN(1), unbondingSeconds: 1 }).rpc(),
      `Allocate: account Address { address: ${config.toBase58()}, base: None } already in use`,
    );
    await expectUnchanged(ctx, before);
  });
});
