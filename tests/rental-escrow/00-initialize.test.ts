// rental_escrow::initialize creates the escrow config PDA exactly once.
// One story on one chain: invalid arguments first, then creation, then a
// rejected second initialize.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { fundedKeypair, PYTH, TestContext } from "../helpers/context";
import { ensureProtocol, Protocol } from "../helpers/staking";
import { createMint, fundTokenAccount } from "../helpers/tokens";

function escrowConfigPda(ctx: TestContext): [PublicKey, number] {
  const seed = ctx.rentalEscrow.idl.constants.find((c) => c.name === "escrowConfigSeed");
  expect(seed, "ESCROW_CONFIG_SEED constant in the IDL").to.not.equal(undefined);
  return PublicKey.findProgramAddressSync(
    [Buffer.from(JSON.parse(seed!.value) as number[])],
    ctx.rentalEscrow.programId,
  );
}

describe("rental_escrow: initialize", () => {
  let ctx: TestContext;
  let p: Protocol;
  let paymentMint: PublicKey;
  let treasury: PublicKey;
  let config: PublicKey;
  let bump: number;
  const oracleAccount = Keypair.generate().publicKey;
  const disputeAuthority = Keypair.generate().publicKey;

  before(async () => {
    // The escrow pays in the staking token: on the shared validator chain every
    // later suite finds this config, so it must use the protocol's stake mint.
    p = await ensureProtocol();
    ctx = p.ctx;
    paymentMint = p.stakeMint;
    treasury = await fundTokenAccount(ctx, paymentMint, ctx.payer.publicKey, 0n);
    [config, bump] = escrowConfigPda(ctx);
  });

  const initialize = (
    maxPriceAgeSeconds: number | null,
    maxConfidenceBps: number | null,
    extra: {
      reservationFeeBps?: number | null;
      disputeWindowSeconds?: number | null;
      oracleProgram?: PublicKey;
      oracleKind?: object;
    } = {},
  ) =>
    ctx.rentalEscrow.methods
      .initialize({
        oracleKind: (extra.oracleKind ?? { pythLegacy: {} }) as never,
        oracleProgram: extra.oracleProgram ?? PYTH.legacyMainnet,
        oracleAccount,
        feedId: new Array(32).fill(0),
        disputeAuthority,
        maxPriceAgeSeconds,
        maxConfidenceBps,
        reservationFeeBps: extra.reservationFeeBps ?? null,
        disputeWindowSeconds: extra.disputeWindowSeconds ?? null,
      })
      .accountsPartial({
        admin: ctx.payer.publicKey,
        stakingConfig: p.config,
        paymentMint,
        treasury,
        tokenProgram: TOKEN_PROGRAM_ID,
      });

  for (const [label, age, bps, error] of [
    ["a zero price age", 0, null, "InvalidMaxPriceAge"],
    ["a price age over one hour", 3601, null, "InvalidMaxPriceAge"],
    ["a zero confidence bound", null, 0, "InvalidMaxConfidence"],
    ["a confidence bound over 100 %", null, 10_001, "InvalidMaxConfidence"],
  ] as const) {
    it(`rejects ${label} with ${error} and creates nothing`, async () => {
      const before = await snapshot(ctx, [config]);
      await expectAnchorError(initialize(age, bps).rpc(), error);
      await expectUnchanged(ctx, before);
    });
  }

  for (const [label, extra, error] of [
    ["a reservation fee over 10 %", { reservationFeeBps: 1001 }, "InvalidFee"],
    ["a zero dispute window", { disputeWindowSeconds: 0 }, "InvalidDisputeWindow"],
    [
      "a dispute window over 30 days",
      { disputeWindowSeconds: 30 * 86400 + 1 },
      "InvalidDisputeWindow",
    ],
    [
      "a legacy oracle owned by the pull receiver",
      { oracleProgram: PYTH.receiver },
      "OracleProgramNotAllowed",
    ],
    [
      "a pull oracle owned by a legacy Pyth program",
      { oracleKind: { pythPull: {} }, oracleProgram: PYTH.legacyDevnet },
      "OracleProgramNotAllowed",
    ],
    [
      "an oracle owner outside the allow-list",
      { oracleProgram: Keypair.generate().publicKey },
      "OracleProgramNotAllowed",
    ],
  ] as const) {
    it(`rejects ${label} with ${error} and creates nothing`, async () => {
      const before = await snapshot(ctx, [config]);
      await expectAnchorError(initialize(null, null, extra).rpc(), error);
      await expectUnchanged(ctx, before);
    });
  }

  it("rejects a signer that is not the program's upgrade authority (NotUpgradeAuthority)", async () => {
    const stranger = await fundedKeypair(ctx);
    const strangerTreasury = await fundTokenAccount(ctx, paymentMint, stranger.publicKey, 0n);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(null, null)
        .accountsPartial({ admin: stranger.publicKey, treasury: strangerTreasury })
        .signers([stranger])
        .rpc(),
      "NotUpgradeAuthority",
    );
    await expectUnchanged(ctx, before);
  });

  it("rejects a payment mint other than node_staking's stake mint (PaymentMintNotStakeMint)", async () => {
    const other = await createMint(ctx, 9);
    const otherTreasury = await fundTokenAccount(ctx, other, ctx.payer.publicKey, 0n);
    const before = await snapshot(ctx, [config]);
    await expectAnchorError(
      initialize(null, null).accountsPartial({ paymentMint: other, treasury: otherTreasury }).rpc(),
      "PaymentMintNotStakeMint",
    );
    await expectUnchanged(ctx, before);
  });

  it("creates the escrow config with every field set", async () => {
    await initialize(null, 150).rpc();
    const cfg = await ctx.rentalEscrow.account.escrowConfig.fetch(config);
    expect(cfg.admin.toBase58()).to.equal(ctx.payer.publicKey.toBase58());
    expect(cfg.paymentMint.toBase58()).to.equal(paymentMint.toBase58());
    expect(cfg.tokenProgram.toBase58()).to.equal(TOKEN_PROGRAM_ID.toBase58());
    expect(cfg.treasury.toBase58()).to.equal(treasury.toBase58());
    expect(cfg.disputeAuthority.toBase58()).to.equal(disputeAuthority.toBase58());
    expect(cfg.oracleKind).to.deep.equal({ pythLegacy: {} });
    expect(cfg.oracleProgram.toBase58()).to.equal(PYTH.legacyMainnet.toBase58());
    expect(cfg.oracleAccount.toBase58()).to.equal(oracleAccount.toBase58());
    expect(cfg.feedId).to.deep.equal(new Array(32).fill(0));
    expect(cfg.maxPriceAgeSeconds).to.equal(60);
    expect(cfg.maxConfidenceBps).to.equal(150);
    expect(cfg.reservationFeeBps).to.equal(25);
    expect(cfg.disputeWindowSeconds).to.equal(86_400);
    expect(cfg.maxPriceAgeSlots).to.equal(150);
    expect(cfg.maxEmaDivergenceBps).to.equal(500);
    expect(cfg.claimHoldbackBps).to.equal(1_000);
    expect(cfg.disputeTimeoutSeconds).to.equal(7 * 86_400);
    expect(cfg.minRentalSeconds).to.equal(60);
    expect(cfg.maxTotalRentalSeconds).to.equal(90 * 86_400);
    expect(cfg.pendingAdmin.toBase58()).to.equal(PublicKey.default.toBase58());
    expect(cfg.rentalAuthorityBump).to.equal(
      PublicKey.findProgramAddressSync(
        [Buffer.from("rental_authority")],
        ctx.rentalEscrow.programId,
      )[1],
    );
    expect(cfg.paused).to.equal(false);
    expect(cfg.bump).to.equal(bump);
    expect(cfg.reserved).to.deep.equal(new Array(64).fill(0));
  });

  it("rejects a second initialize and leaves the config unchanged", async () => {
    const before = await snapshot(ctx, [config]);
    await expectFailureWithLog(
      initialize(10, null).rpc(),
      `Allocate: account Address { address: ${config.toBase58()}, base: None } already in use`,
    );
    await expectUnchanged(ctx, before);
  });
});
