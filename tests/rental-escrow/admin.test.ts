// The escrow admin: update_config (every field validated, each change
// logged with its old and new value), pause, and the two-step admin
// handover. Every refusal is asserted by name with nothing changed.
import { Keypair, PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { fundedKeypair, PYTH } from "../helpers/context";
import {
  ensureEscrow,
  Escrow,
  escrowConfigUpdate,
  escrowUpdateIx,
  lastEscrowEvents,
  ESCROW_TEST_PARAMS,
} from "../helpers/escrow";
import { big, ensureProtocol, Protocol } from "../helpers/staking";
import { createMint, fundTokenAccount } from "../helpers/tokens";

const DAY = 86_400;

describe("rental_escrow: admin", () => {
  let p: Protocol;
  let e: Escrow;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
  });

  after(async () => {
    e = await ensureEscrow(p); // back to the test settings for the suites after this one
  });

  const config = () => p.ctx.rentalEscrow.account.escrowConfig.fetch(e.config);

  it("changes a parameter and logs its old and new value", async () => {
    await escrowUpdateIx(e, { claimHoldbackBps: 2_000, maxPriceAgeSlots: 77 }).rpc();
    const events = await lastEscrowEvents(p.ctx);
    expect(events.map((ev) => ev.name)).to.deep.equal(["escrowParamChanged", "escrowParamChanged"]);
    expect(events[0].data.param).to.deep.equal({ maxPriceAgeSlots: {} });
    expect(big(events[0].data.old as never)).to.equal(BigInt(ESCROW_TEST_PARAMS.maxPriceAgeSlots));
    expect(big(events[0].data.new as never)).to.equal(77n);
    expect(events[1].data.param).to.deep.equal({ claimHoldbackBps: {} });
    expect(big(events[1].data.old as never)).to.equal(BigInt(ESCROW_TEST_PARAMS.claimHoldbackBps));
    expect(big(events[1].data.new as never)).to.equal(2_000n);
    const c = await config();
    expect(c.claimHoldbackBps).to.equal(2_000);
    expect(c.maxPriceAgeSlots).to.equal(77);
    await escrowUpdateIx(e, ESCROW_TEST_PARAMS).rpc();
  });

  it("accepts every limit at its bound", async () => {
    await escrowUpdateIx(e, {
      maxPriceAgeSeconds: 3_600,
      maxConfidenceBps: 10_000,
      maxEmaDivergenceBps: 10_000,
      reservationFeeBps: 1_000,
      claimHoldbackBps: 5_000,
      disputeWindowSeconds: 30 * DAY,
      disputeTimeoutSeconds: 90 * DAY,
      minRentalSeconds: 90 * DAY,
      maxTotalRentalSeconds: 365 * DAY,
    }).rpc();
    const c = await config();
    expect(c.claimHoldbackBps).to.equal(5_000);
    expect(c.disputeTimeoutSeconds).to.equal(90 * DAY);
    expect(c.maxTotalRentalSeconds).to.equal(365 * DAY);
    await escrowUpdateIx(e, ESCROW_TEST_PARAMS).rpc();
  });

  for (const [label, changes, error] of [
    ["a zero price age", { maxPriceAgeSeconds: 0 }, "InvalidMaxPriceAge"],
    ["a price age over one hour", { maxPriceAgeSeconds: 3_601 }, "InvalidMaxPriceAge"],
    ["a zero slot age", { maxPriceAgeSlots: 0 }, "InvalidMaxPriceAge"],
    ["a zero confidence bound", { maxConfidenceBps: 0 }, "InvalidMaxConfidence"],
    ["a confidence bound over 100 %", { maxConfidenceBps: 10_001 }, "InvalidMaxConfidence"],
    ["a zero EMA divergence bound", { maxEmaDivergenceBps: 0 }, "InvalidEmaDivergence"],
    ["an EMA divergence bound over 100 %", { maxEmaDivergenceBps: 10_001 }, "InvalidEmaDivergence"],
    ["a reservation fee over 10 %", { reservationFeeBps: 1_001 }, "InvalidFee"],
    ["a claim holdback over 50 %", { claimHoldbackBps: 5_001 }, "InvalidHoldback"],
    ["a zero dispute window", { disputeWindowSeconds: 0 }, "InvalidDisputeWindow"],
    [
      "a dispute window over 30 days",
      { disputeWindowSeconds: 30 * DAY + 1 },
      "InvalidDisputeWindow",
    ],
    ["a zero dispute timeout", { disputeTimeoutSeconds: 0 }, "InvalidDisputeTimeout"],
    [
      "a dispute timeout over 90 days",
      { disputeTimeoutSeconds: 90 * DAY + 1 },
      "InvalidDisputeTimeout",
    ],
    ["a zero minimum rental", { minRentalSeconds: 0 }, "InvalidRentalLimits"],
    [
      "a minimum rental over 90 days",
      { minRentalSeconds: 90 * DAY + 1, maxTotalRentalSeconds: 365 * DAY },
      "InvalidRentalLimits",
    ],
    [
      "a total cap below the minimum",
      { minRentalSeconds: 120, maxTotalRentalSeconds: 119 },
      "InvalidRentalLimits",
    ],
    [
      "a total cap below the current minimum",
      { maxTotalRentalSeconds: ESCROW_TEST_PARAMS.minRentalSeconds - 1 },
      "InvalidRentalLimits",
    ],
    ["a total cap over 365 days", { maxTotalRentalSeconds: 365 * DAY + 1 }, "InvalidRentalLimits"],
    [
      "an oracle owner outside the allow-list",
      {
        oracle: {
          kind: { pythLegacy: {} },
          program: Keypair.generate().publicKey,
          account: PublicKey.default,
          feedId: new Array(32).fill(0),
        },
      },
      "OracleProgramNotAllowed",
    ],
    [
      "a pull oracle owned by a legacy Pyth program",
      {
        oracle: {
          kind: { pythPull: {} },
          program: PYTH.legacyMainnet,
          account: PublicKey.default,
          feedId: new Array(32).fill(7),
        },
      },
      "OracleProgramNotAllowed",
    ],
    [
      "a legacy oracle owned by the pull receiver",
      {
        oracle: {
          kind: { pythLegacy: {} },
          program: PYTH.receiver,
          account: PublicKey.default,
          feedId: new Array(32).fill(0),
        },
      },
      "OracleProgramNotAllowed",
    ],
  ] as const) {
    it(`rejects ${label} (${error}) and changes nothing`, async () => {
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(escrowUpdateIx(e, changes as Record<string, unknown>).rpc(), error);
      await expectUnchanged(p.ctx, before);
    });
  }

  it("rejects a new treasury of another mint (MintMismatch)", async () => {
    const otherMint = await createMint(p.ctx, 9);
    const wrong = await fundTokenAccount(p.ctx, otherMint, Keypair.generate().publicKey, 0n);
    const before = await snapshot(p.ctx, [e.config]);
    await expectAnchorError(
      escrowUpdateIx(e, {}).accountsPartial({ newTreasury: wrong }).rpc(),
      "MintMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("rejects a new treasury that is not a token account: the payment mint (AccountDidNotDeserialize)", async () => {
    const before = await snapshot(p.ctx, [e.config]);
    await expectAnchorError(
      escrowUpdateIx(e, {}).accountsPartial({ newTreasury: e.p.stakeMint }).rpc(),
      "AccountDidNotDeserialize",
    );
    await expectUnchanged(p.ctx, before);
  });

  describe("only the admin", () => {
    let stranger: Keypair;
    before(async () => {
      stranger = await fundedKeypair(p.ctx);
    });

    it("updates the config (Unauthorized)", async () => {
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(
        p.ctx.rentalEscrow.methods
          .updateConfig(escrowConfigUpdate({ reservationFeeBps: 0 }))
          .accountsPartial({ admin: stranger.publicKey, config: e.config, newTreasury: null })
          .signers([stranger])
          .rpc(),
        "Unauthorized",
      );
      await expectUnchanged(p.ctx, before);
    });

    it("pauses (Unauthorized)", async () => {
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(
        p.ctx.rentalEscrow.methods
          .setPaused(true)
          .accountsPartial({ admin: stranger.publicKey, config: e.config })
          .signers([stranger])
          .rpc(),
        "Unauthorized",
      );
      await expectUnchanged(p.ctx, before);
    });

    it("proposes a new admin (Unauthorized)", async () => {
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(
        p.ctx.rentalEscrow.methods
          .proposeAdmin(stranger.publicKey)
          .accountsPartial({ admin: stranger.publicKey, config: e.config })
          .signers([stranger])
          .rpc(),
        "Unauthorized",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("admin handover", () => {
    let next: Keypair;
    const propose = (who: PublicKey, admin?: Keypair) => {
      const b = p.ctx.rentalEscrow.methods
        .proposeAdmin(who)
        .accountsPartial({ admin: (admin ?? p.ctx.payer).publicKey, config: e.config });
      return admin ? b.signers([admin]) : b;
    };
    const accept = (who: Keypair) =>
      p.ctx.rentalEscrow.methods
        .acceptAdmin()
        .accountsPartial({ newAdmin: who.publicKey, config: e.config })
        .signers([who]);

    before(async () => {
      next = await fundedKeypair(p.ctx);
    });

    it("accept with no handover pending is refused (NoPendingAdmin)", async () => {
      await propose(PublicKey.default).rpc();
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(accept(next).rpc(), "NoPendingAdmin");
      await expectUnchanged(p.ctx, before);
    });

    it("only the proposed admin accepts (NotPendingAdmin)", async () => {
      await propose(next.publicKey).rpc();
      const impostor = await fundedKeypair(p.ctx);
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(accept(impostor).rpc(), "NotPendingAdmin");
      await expectUnchanged(p.ctx, before);
    });

    it("the proposed admin takes over; the old admin loses its rights; then hands back", async () => {
      await propose(next.publicKey).rpc();
      await accept(next).rpc();
      let c = await config();
      expect(c.admin.equals(next.publicKey)).to.equal(true);
      expect(c.pendingAdmin.equals(PublicKey.default)).to.equal(true);
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(escrowUpdateIx(e, { reservationFeeBps: 0 }).rpc(), "Unauthorized");
      await expectUnchanged(p.ctx, before);
      // Hand back to the payer (the admin the other suites expect).
      await propose(p.ctx.payer.publicKey, next).rpc();
      await accept(p.ctx.payer).rpc();
      c = await config();
      expect(c.admin.equals(p.ctx.payer.publicKey)).to.equal(true);
    });

    it("admin instructions refuse remaining accounts (UnexpectedRemainingAccounts)", async () => {
      const extra = [{ pubkey: Keypair.generate().publicKey, isSigner: false, isWritable: false }];
      const before = await snapshot(p.ctx, [e.config]);
      await expectAnchorError(
        escrowUpdateIx(e, {}).remainingAccounts(extra).rpc(),
        "UnexpectedRemainingAccounts",
      );
      await expectAnchorError(
        propose(next.publicKey).remainingAccounts(extra).rpc(),
        "UnexpectedRemainingAccounts",
      );
      await expectAnchorError(
        accept(next).remainingAccounts(extra).rpc(),
        "UnexpectedRemainingAccounts",
      );
      await expectAnchorError(
        p.ctx.rentalEscrow.methods
          .setPaused(true)
          .accountsPartial({ admin: p.ctx.payer.publicKey, config: e.config })
          .remainingAccounts(extra)
          .rpc(),
        "UnexpectedRemainingAccounts",
      );
      await expectUnchanged(p.ctx, before);
    });
  });
});
