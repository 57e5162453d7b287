// Rentals: USD pricing converted at the oracle price; the tokens and the
// renter fee escrowed together in the rental's vault; per-second streaming
// to the provider with a holdback; the treasury earning the renter fee as
// service is delivered; extend (a new period); cancel (refunds unserved
// tokens and fees, unlocks the node); close; clusters and pause. Every
// amount is checked exactly against the BigInt model in helpers/escrow.ts.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Transaction } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { lastTransaction } from "../helpers/context";
import {
  activeRentals,
  balances,
  cancelIx,
  claimIx,
  closeIx,
  createRentalIx,
  Escrow,
  ensureEscrow,
  escrowPauseIx,
  escrowPda,
  ESCROW_TEST_PARAMS,
  expectFlows,
  expectRentalMatches,
  expectVaultHolds,
  extendIx,
  fetchRental,
  INTO,
  lastEscrowEvent,
  lastTxTime,
  openDisputeIx,
  quoteTokens,
  rent,
  RENTAL,
  RentalModel,
  RentalRef,
  renterFeeOf,
  setFreshPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  big,
  bn,
  createTier,
  ensureProtocol,
  exactClock,
  holder,
  independently,
  NodeHandle,
  Protocol,
  registerNode,
  secs,
  slashIx,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { balance } from "../helpers/tokens";

/** $3.60 per hour = $0.001 per second. */
const RATE = 3_600_000n;

describe("rental_escrow: rentals", () => {
  let p: Protocol;
  let e: Escrow;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
  });

  const rentableNode = (priceMicroUsd = RATE): Promise<NodeHandle> =>
    registerNode(p, tierId, { priceMicroUsd, stake: tokens(100) });

  /** A fresh renter renting a fresh node for `seconds` at RATE; returns the handle and the model. */
  async function rented(seconds: number): Promise<{ ref: RentalRef; m: RentalModel }> {
    const [n, renter, price] = await independently(
      p.ctx,
      () => rentableNode(),
      () => holder(p),
      () => setFreshPrice(e),
    );
    const ref = await rent(e, n, renter, { durationSeconds: seconds });
    const r = await fetchRental(e, ref);
    const expected = quoteTokens(BigInt(seconds), RATE, price.price, price.conf, price.expo, 9);
    return { ref, m: RentalModel.create(big(r.startTs), seconds, expected) };
  }

  /** A rentable node at $1.00/h offering QoS add-on 3 at $0.25/h. */
  async function nodeWithAddon(): Promise<NodeHandle> {
    const n = await rentableNode(1_000_000n);
    await p.ctx.nodeStaking.methods
      .updatePricing({
        priceMicroUsdPerHour: bn(1_000_000n),
        qosAddons: [{ id: 3, priceMicroUsdPerHour: bn(250_000n) }],
      })
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    return n;
  }

  describe("create_rental", () => {
    it("prices a 2-hour rental with a QoS add-on and escrows tokens + fee in the vault in one transfer", async () => {
      const [n, renter, price] = await independently(
        p.ctx,
        nodeWithAddon,
        () => holder(p),
        () => setFreshPrice(e),
      );
      const expected = quoteTokens(7200n, 1_250_000n, price.price, price.conf, price.expo, 9);
      const fee = renterFeeOf(expected, ESCROW_TEST_PARAMS.reservationFeeBps);
      const treasuryBefore = await balance(p.ctx, e.treasury);
      const { builder, rental, vault } = createRentalIx(e, n, renter, {
        durationSeconds: 7200,
        qosAddonIds: [3],
        maxTokens: expected + fee,
      });
      await builder.rpc();
      // Two token-program calls: the vault's InitializeAccount3 and one transfer of tokens + fee.
      const tokenCalls = (await lastTransaction(p.ctx)).logs.filter((l) =>
        l.startsWith(`Program ${TOKEN_PROGRAM_ID.toBase58()} invoke`),
      );
      expect(tokenCalls.length, "vault init + one transfer").to.equal(2);

      const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
      expectRentalMatches(r, RentalModel.create(big(r.startTs), 7200, expected));
      expect(big(r.rateMicroUsdPerHour)).to.equal(1_250_000n);
      expect(Array.from(r.qosAddonIds)).to.deep.equal([3, 0, 0, 0]);
      expect(big(r.price)).to.equal(price.price);
      expect(big(r.conf)).to.equal(price.conf);
      expect(r.expo).to.equal(price.expo);
      expect(big(r.publishTime)).to.equal(price.publishTime);
      expect(r.disputeWindowSeconds).to.equal(ESCROW_TEST_PARAMS.disputeWindowSeconds);
      expect(r.disputeTimeoutSeconds).to.equal(ESCROW_TEST_PARAMS.disputeTimeoutSeconds);
      expect(r.nodeLocked).to.equal(true);
      expect(r.provider.equals(n.operator.publicKey)).to.equal(true);
      expect(await balance(p.ctx, vault)).to.equal(expected + fee);
      expect(await balance(p.ctx, renter.tokens)).to.equal(tokens(10_000) - expected - fee);
      expect(await balance(p.ctx, e.treasury), "the treasury gets nothing yet").to.equal(
        treasuryBefore,
      );
      expect(await activeRentals(e, n)).to.equal(1);
      const ev = await lastEscrowEvent(p.ctx, "rentalCreated");
      expect(big(ev.tokens as never)).to.equal(expected);
      expect(big(ev.fee as never)).to.equal(fee);
    });

    it("refuses max_tokens one base unit below tokens + fee (SlippageExceeded) and changes nothing", async () => {
      const [n, renter, price] = await independently(
        p.ctx,
        () => rentableNode(1_000_000n),
        () => holder(p),
        () => setFreshPrice(e),
      );
      const expected = quoteTokens(3600n, 1_000_000n, price.price, price.conf, price.expo, 9);
      const total = expected + renterFeeOf(expected, ESCROW_TEST_PARAMS.reservationFeeBps);
      const { builder, rental, vault } = createRentalIx(e, n, renter, {
        durationSeconds: 3600,
        maxTokens: total - 1n,
      });
      const before = await snapshot(p.ctx, [rental, vault, n.node, renter.tokens, e.treasury]);
      await expectAnchorError(builder.rpc(), "SlippageExceeded");
      await expectUnchanged(p.ctx, before);
    });

    it("accepts max_tokens equal to tokens + fee", async () => {
      const [n, renter, price] = await independently(
        p.ctx,
        () => rentableNode(1_000_000n),
        () => holder(p),
        () => setFreshPrice(e),
      );
      const expected = quoteTokens(3600n, 1_000_000n, price.price, price.conf, price.expo, 9);
      const total = expected + renterFeeOf(expected, ESCROW_TEST_PARAMS.reservationFeeBps);
      const ref = await rent(e, n, renter, { durationSeconds: 3600, maxTokens: total });
      expect(await balance(p.ctx, ref.vault)).to.equal(total);
    });

    for (const [label, args, error] of [
      [
        `${RENTAL.MIN - 1} s, below the ${RENTAL.MIN} s minimum`,
        { durationSeconds: RENTAL.MIN - 1 },
        "InvalidDuration",
      ],
      ["90 days + 1 s", { durationSeconds: 90 * 86400 + 1 }, "InvalidDuration"],
      [
        "an add-on the node does not offer",
        { durationSeconds: 3600, qosAddonIds: [9] },
        "UnknownQosAddon",
      ],
      [
        "the same add-on twice",
        { durationSeconds: 3600, qosAddonIds: [3, 3] },
        "DuplicateQosAddon",
      ],
      ["five add-ons", { durationSeconds: 3600, qosAddonIds: [1, 2, 3, 4, 5] }, "UnknownQosAddon"],
    ] as const) {
      it(`refuses ${label} (${error}) and changes nothing`, async () => {
        const [n, renter] = await independently(
          p.ctx,
          nodeWithAddon,
          () => holder(p),
          () => setFreshPrice(e),
        );
        const { builder, rental, vault } = createRentalIx(e, n, renter, {
          ...args,
          qosAddonIds: "qosAddonIds" in args ? [...args.qosAddonIds] : [],
        });
        const before = await snapshot(p.ctx, [rental, vault, n.node, renter.tokens]);
        await expectAnchorError(builder.rpc(), error);
        await expectUnchanged(p.ctx, before);
      });
    }

    it("a Pending node is refused by node_staking's lock (NodeNotActive, through the CPI)", async () => {
      const [pending, renter] = await independently(
        p.ctx,
        () => registerNode(p, tierId),
        () => holder(p),
        () => setFreshPrice(e),
      );
      const { builder, rental, vault } = createRentalIx(e, pending, renter, {
        durationSeconds: 3600,
      });
      const before = await snapshot(p.ctx, [rental, vault, pending.node, renter.tokens]);
      const err = await expectAnchorError(builder.rpc(), "NodeNotActive");
      expect(err.program.equals(p.ctx.nodeStaking.programId)).to.equal(true);
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("claim", () => {
    it("streams per second with a 10 % holdback: nothing at 0 s, then 1 s, half and the end", async () => {
      // Real clock (validator): a 6-s rental claimed at 1, 3 and 6 s.
      const length = secs(60, 6);
      const { ref, m } = await rented(length);
      const start = Number(m.startTs);
      await expectVaultHolds(e, ref);
      // 0 s: nothing has accrued (only an exact clock can stand still at the start).
      if (exactClock(p.ctx)) {
        const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.operatorTokens]);
        await expectAnchorError(claimIx(e, ref).rpc(), "NothingToClaim");
        await expectUnchanged(p.ctx, before);
      }
      let last = start;
      for (const t of [1, length / 2, length]) {
        // A validator's claim may land a second late: the next waits for a later second.
        await advanceTo(p.ctx, Math.max(start + t, last + 1));
        const b = await balances(e, ref);
        await claimIx(e, ref).rpc();
        const at = await lastTxTime(p.ctx);
        last = at;
        if (exactClock(p.ctx)) expect(at).to.equal(start + t);
        const flows = m.claim(at);
        await expectFlows(e, ref, b, flows);
        expectRentalMatches(await fetchRental(e, ref), m);
        await expectVaultHolds(e, ref);
      }
      // At the end the provider side holds 90 % of the tokens; the rest, the
      // provider fees of the claims and the renter fees wait for the close.
      expect(m.claimed).to.equal((m.deposited * 9_000n) / 10_000n);
      expect(m.feesCollected).to.equal(0n);
      expect(await balance(p.ctx, ref.vault)).to.equal(
        m.deposited - m.claimed + m.feesHeld + m.renterFees,
      );
    });

    it("after the end nothing more accrues (NothingToClaim) and nothing changes", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await advanceTo(p.ctx, Number(m.endTs));
      await claimIx(e, ref).rpc();
      await advanceTo(p.ctx, Number(m.endTs) + 1);
      const before = await snapshot(p.ctx, [
        ref.rental,
        ref.vault,
        ref.n.operatorTokens,
        e.treasury,
      ]);
      await expectAnchorError(claimIx(e, ref).rpc(), "NothingToClaim");
      await expectUnchanged(p.ctx, before);
    });

    it("the close pays the provider the holdback (minus fee), the treasury every fee once, and empties the vault", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await advanceTo(p.ctx, Number(m.endTs));
      await claimIx(e, ref).rpc();
      m.claim(await lastTxTime(p.ctx));
      // The claim's provider fee and the renter fees wait in the vault.
      const held = m.feesHeld;
      expect(held > 0n).to.equal(true);
      const b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      expect(flows.surplus).to.equal(0n);
      expect(flows.payout + flows.toTreasury).to.equal(
        m.deposited - (m.deposited * 9_000n) / 10_000n + held + m.renterFees,
      );
      await expectFlows(e, ref, b, flows);
      expect(await p.ctx.connection.getAccountInfo(ref.rental)).to.equal(null);
      expect(await p.ctx.connection.getAccountInfo(ref.vault)).to.equal(null);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("only the node's provider claims (NotProvider)", async () => {
      const { ref, m } = await rented(600);
      await advanceTo(p.ctx, Number(m.startTs) + INTO);
      const stranger = await holder(p);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, stranger.tokens]);
      await expectAnchorError(
        claimIx(e, ref, stranger.kp).accountsPartial({ providerTokens: stranger.tokens }).rpc(),
        "NotProvider",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("cancel_rental", () => {
    it("refunds the unserved tokens and their fees and unlocks the node at once", async () => {
      const { ref, m } = await rented(1000);
      await advanceTo(p.ctx, Number(m.startTs) + INTO);
      const b = await balances(e, ref);
      await cancelIx(e, ref).rpc();
      const r = await fetchRental(e, ref);
      const flows = m.cancel(big(r.endTs));
      if (exactClock(p.ctx)) expect(big(r.endTs)).to.equal(m.startTs + BigInt(INTO));
      expectRentalMatches(r, m);
      expect(r.nodeLocked).to.equal(false);
      await expectFlows(e, ref, b, flows);
      // Refunded: the unserved 990 s of 1000 (on LiteSVM) of the tokens and of the fee, each
      // rounded in the renter's favour.
      const acc = m.accrualAt(m.endTs);
      expect(flows.toRenter).to.equal(m.deposited - acc.tokens + m.renterFees - acc.fees);
      expect(await activeRentals(e, ref.n)).to.equal(0);
      const ev = await lastEscrowEvent(p.ctx, "rentalCancelled");
      expect(big(ev.refund as never)).to.equal(flows.toRenter);
      expect(big(ev.accrued as never)).to.equal(acc.tokens);
      await expectVaultHolds(e, ref);
    });

    it("after a cancel the provider claims what accrued (minus the holdback) once; the close pays the rest", async () => {
      const { ref, m } = await rented(600);
      await advanceTo(p.ctx, Number(m.startTs) + secs(5, 1));
      await cancelIx(e, ref).rpc();
      m.cancel(big((await fetchRental(e, ref)).endTs));
      // Time after a cancel accrues nothing.
      await advanceTo(p.ctx, Math.max(Number(m.startTs) + secs(10, 2), Number(m.endTs) + 1));
      let b = await balances(e, ref);
      await claimIx(e, ref).rpc();
      await expectFlows(e, ref, b, m.claim(await lastTxTime(p.ctx)));
      expectRentalMatches(await fetchRental(e, ref), m);
      const settled = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.operatorTokens]);
      await expectAnchorError(claimIx(e, ref).rpc(), "NothingToClaim");
      await expectAnchorError(cancelIx(e, ref).rpc(), "RentalNotActive");
      await expectUnchanged(p.ctx, settled);
      b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      await expectFlows(e, ref, b, flows);
      expect(m.claimed + m.refunded).to.equal(m.deposited);
      expect(m.feesCollected + m.feesRefunded).to.equal(m.renterFees);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("claim and cancel in one transaction settle every token once", async () => {
      const { ref, m } = await rented(600);
      await advanceTo(p.ctx, Number(m.startTs) + secs(5, 1));
      const b = await balances(e, ref);
      await p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          await claimIx(e, ref).instruction(),
          await cancelIx(e, ref).instruction(),
        ),
        [ref.n.operator, ref.renter.kp],
      );
      const r = await fetchRental(e, ref);
      const claim = m.claim(big(r.endTs));
      const cancel = m.cancel(big(r.endTs));
      expectRentalMatches(r, m);
      await expectFlows(e, ref, b, {
        payout: claim.payout,
        toTreasury: claim.toTreasury,
        toRenter: cancel.toRenter,
      });
      await expectVaultHolds(e, ref);
    });

    it("a second cancel is refused (RentalNotActive)", async () => {
      const { ref, m } = await rented(600);
      await advanceTo(p.ctx, Number(m.startTs) + secs(5, 1));
      await cancelIx(e, ref).rpc();
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.renter.tokens, ref.n.node]);
      await expectAnchorError(cancelIx(e, ref).rpc(), "RentalNotActive");
      await expectUnchanged(p.ctx, before);
    });

    it("a cancel at or after the end is refused (RentalEnded)", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await advanceTo(p.ctx, Number(m.endTs));
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.renter.tokens, ref.n.node]);
      await expectAnchorError(cancelIx(e, ref).rpc(), "RentalEnded");
      await expectUnchanged(p.ctx, before);
    });

    it("only the renter cancels (NotRenter)", async () => {
      const { ref } = await rented(600);
      const stranger = await holder(p);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
      await expectAnchorError(
        cancelIx(e, ref, stranger.kp).accountsPartial({ renterTokens: stranger.tokens }).rpc(),
        "NotRenter",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("close_rental", () => {
    it("refuses a close before the end (RentalNotFinished)", async () => {
      const { ref } = await rented(60);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
      await expectAnchorError(closeIx(e, ref).rpc(), "RentalNotFinished");
      await expectUnchanged(p.ctx, before);
    });

    it("the renter closes at the end: the provider gets the rest (minus fee), the treasury the fees", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await advanceTo(p.ctx, Number(m.endTs));
      const b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      await expectFlows(e, ref, b, flows);
      expect(flows.toTreasury).to.equal(
        m.renterFees + (m.deposited - (m.deposited * 9_975n) / 10_000n),
      );
      expect(await activeRentals(e, ref.n)).to.equal(0);
      const ev = await lastEscrowEvent(p.ctx, "rentalClosed");
      expect(big(ev.payout as never)).to.equal(flows.payout);
      expect(big(ev.surplus as never)).to.equal(0n);
      expect(ev.disputeExpired).to.equal(false);
    });

    it("the provider may close only after end + the dispute window (RentalNotFinished before)", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      const windowEnd = Number(m.endTs) + ESCROW_TEST_PARAMS.disputeWindowSeconds;
      await advanceTo(p.ctx, exactClock(p.ctx) ? windowEnd : Number(m.endTs));
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
      await expectAnchorError(closeIx(e, ref, ref.n.operator).rpc(), "RentalNotFinished");
      await expectUnchanged(p.ctx, before);
      await advanceTo(p.ctx, windowEnd + 1);
      await closeIx(e, ref, ref.n.operator).rpc();
      expect(await p.ctx.connection.getAccountInfo(ref.rental)).to.equal(null);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("a stranger may close only after the window (RentalNotFinished before); the money goes where the renter's close sends it", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      const windowEnd = Number(m.endTs) + ESCROW_TEST_PARAMS.disputeWindowSeconds;
      await advanceTo(p.ctx, exactClock(p.ctx) ? windowEnd : Number(m.endTs));
      const stranger = await holder(p);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
      await expectAnchorError(closeIx(e, ref, stranger.kp).rpc(), "RentalNotFinished");
      await expectUnchanged(p.ctx, before);
      // After the window a keeper can settle it: the fees held for the
      // treasury cannot wait on the renter or the provider.
      await advanceTo(p.ctx, windowEnd + 1);
      const b = await balances(e, ref);
      await closeIx(e, ref, stranger.kp).rpc();
      await expectFlows(e, ref, b, m.close(b.vault));
      expect(await p.ctx.connection.getAccountInfo(ref.rental)).to.equal(null);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });
  });

  describe("extend_rental", () => {
    it("adds a period at the current price; the first period and what accrued are unchanged", async () => {
      const { ref, m } = await rented(600);
      await advanceTo(p.ctx, Number(m.startTs) + INTO);
      // The token got cheaper: $0.625 per token.
      const cheaper = await setFreshPrice(e, { price: 62_500_000n, conf: 62_500n });
      const extra = quoteTokens(600n, RATE, cheaper.price, cheaper.conf, cheaper.expo, 9);
      const fee = renterFeeOf(extra, ESCROW_TEST_PARAMS.reservationFeeBps);
      const accruedBefore = m.accrualAt(m.startTs + BigInt(INTO));
      const b = await balances(e, ref);
      await extendIx(e, ref, { extraSeconds: 600, maxTokens: extra + fee }).rpc();
      m.buy(600, extra);
      const r = await fetchRental(e, ref);
      expectRentalMatches(r, m);
      expect(m.accrualAt(m.startTs + BigInt(INTO))).to.deep.equal(accruedBefore);
      expect(big(r.price)).to.equal(cheaper.price);
      expect(big(r.publishTime)).to.equal(cheaper.publishTime);
      const after = await balances(e, ref);
      expect(b.renter - after.renter).to.equal(extra + fee);
      expect(after.vault - b.vault).to.equal(extra + fee);
      expect(after.treasury).to.equal(b.treasury);
      expect(await activeRentals(e, ref.n), "still one lock").to.equal(1);
      const ev = await lastEscrowEvent(p.ctx, "rentalExtended");
      expect(big(ev.tokens as never)).to.equal(extra);
      expect(big(ev.fee as never)).to.equal(fee);
      expect(big(ev.endTs as never)).to.equal(m.endTs);
    });

    it("refuses max_tokens one base unit below the extension's tokens + fee (SlippageExceeded)", async () => {
      const { ref } = await rented(600);
      const price = await setFreshPrice(e);
      const extra = quoteTokens(600n, RATE, price.price, price.conf, price.expo, 9);
      const total = extra + renterFeeOf(extra, ESCROW_TEST_PARAMS.reservationFeeBps);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.renter.tokens]);
      await expectAnchorError(
        extendIx(e, ref, { extraSeconds: 600, maxTokens: total - 1n }).rpc(),
        "SlippageExceeded",
      );
      await expectUnchanged(p.ctx, before);
    });

    it("only the renter extends (NotRenter)", async () => {
      const { ref } = await rented(600);
      const stranger = await holder(p);
      await setFreshPrice(e);
      const before = await snapshot(p.ctx, [ref.rental, ref.vault, stranger.tokens]);
      await expectAnchorError(
        extendIx(e, ref, { extraSeconds: 600 }, stranger.kp)
          .accountsPartial({ renterTokens: stranger.tokens })
          .rpc(),
        "NotRenter",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("pause", () => {
    it("blocks new rentals and extensions (Paused) but not claims, disputes, cancels or closes", async () => {
      const [{ ref, m }, other] = await independently(
        p.ctx,
        () => rented(600),
        () => rented(RENTAL.ENDS),
      );
      await escrowPauseIx(e, true).rpc();
      try {
        await setFreshPrice(e);
        const leg = createRentalIx(e, ref.n, ref.renter, { durationSeconds: 600 });
        const before = await snapshot(p.ctx, [
          leg.rental,
          ref.rental,
          ref.n.node,
          ref.renter.tokens,
        ]);
        await expectAnchorError(leg.builder.rpc(), "Paused");
        await expectAnchorError(extendIx(e, ref, { extraSeconds: 600 }).rpc(), "Paused");
        await expectUnchanged(p.ctx, before);
        await advanceTo(p.ctx, Number(m.startTs) + INTO);
        await claimIx(e, ref).rpc();
        await cancelIx(e, ref).rpc();
        await openDisputeIx(e, ref).rpc();
        await advanceTo(p.ctx, Number(other.m.endTs));
        await closeIx(e, other.ref).rpc();
        expect(await p.ctx.connection.getAccountInfo(other.ref.rental)).to.equal(null);
      } finally {
        await escrowPauseIx(e, false).rpc();
      }
    });
  });

  describe("clusters", () => {
    async function jailedNode(): Promise<NodeHandle> {
      const n = await rentableNode();
      await slashIx(p, n, { fractionBps: 100, reason: "dataLeak" }).rpc();
      expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).status).to.deep.equal({
        jailed: {},
      });
      return n;
    }

    for (const [label, bad, error] of [
      ["a Jailed node", jailedNode, "NodeJailed"],
      ["a Pending node", () => registerNode(p, tierId), "NodeNotActive"],
    ] as const) {
      it(`three legs with one on ${label} fail whole (${error} from node_staking)`, async () => {
        const [a, b, c, renter] = await independently(
          p.ctx,
          () => rentableNode(),
          () => rentableNode(),
          bad,
          () => holder(p),
          () => setFreshPrice(e),
        );
        const cluster = BigInt(Date.now());
        const legs = [a, b, c].map((n) =>
          createRentalIx(e, n, renter, { durationSeconds: 600, clusterId: cluster }),
        );
        const before = await snapshot(p.ctx, [
          ...legs.flatMap((l) => [l.rental, l.vault]),
          a.node,
          b.node,
          c.node,
          renter.tokens,
        ]);
        const tx = new Transaction();
        for (const leg of legs) tx.add(await leg.builder.instruction());
        await expectAnchorError(p.ctx.provider.sendAndConfirm(tx, [renter.kp]), error);
        await expectUnchanged(p.ctx, before);
      });
    }

    it("three legs on rentable nodes are created together with the cluster id", async () => {
      const [n0, n1, n2, renter] = await independently(
        p.ctx,
        () => rentableNode(),
        () => rentableNode(),
        () => rentableNode(),
        () => holder(p),
        () => setFreshPrice(e),
      );
      const nodes = [n0, n1, n2];
      const cluster = BigInt(Date.now());
      const legs = nodes.map((n) =>
        createRentalIx(e, n, renter, { durationSeconds: 600, clusterId: cluster }),
      );
      const tx = new Transaction();
      for (const leg of legs) tx.add(await leg.builder.instruction());
      await p.ctx.provider.sendAndConfirm(tx, [renter.kp]);
      for (const [i, leg] of legs.entries()) {
        const r = await p.ctx.rentalEscrow.account.rental.fetch(leg.rental);
        expect(big(r.clusterId)).to.equal(cluster);
        expect(r.node.equals(nodes[i].node)).to.equal(true);
        expect(escrowPda.vault(p.ctx, leg.rental).equals(leg.vault)).to.equal(true);
        await expectVaultHolds(e, { ...leg, n: nodes[i], renter });
        expect(await activeRentals(e, nodes[i])).to.equal(1);
      }
    });
  });
});
