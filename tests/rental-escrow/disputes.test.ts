// Disputes: opened by the renter within the rental's window, they stop
// accrual at `disputed_at` and freeze provider claims; the dispute authority
// settles them for good (a refund of the accrued tokens, service paid until
// the dispute or later, an optional slash through node_staking with part of
// it to the renter), which unlocks the node. Timeouts and the audit cases
// are in audit-regressions.test.ts (E-M3, E-L5).
import { createHash } from "crypto";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  activeRentals,
  balances,
  cancelIx,
  claimIx,
  closeIx,
  ensureEscrow,
  Escrow,
  ESCROW_TEST_PARAMS,
  expectFlows,
  expectRentalMatches,
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
  resolveIx,
  setFreshPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  big,
  createTier,
  ensureProtocol,
  exactClock,
  holder,
  independently,
  pda,
  Protocol,
  registerNode,
  secs,
  setPausedIx,
  tokens,
} from "../helpers/staking";

const RATE = 3_600_000n;

describe("rental_escrow: disputes", () => {
  let p: Protocol;
  let e: Escrow;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
  });

  /** A fresh node (1 000 tokens staked) rented by a fresh renter for `seconds`. */
  async function rented(seconds = 1000): Promise<{ ref: RentalRef; m: RentalModel }> {
    const [n, renter, price] = await independently(
      p.ctx,
      () => registerNode(p, tierId, { priceMicroUsd: RATE, stake: tokens(1000) }),
      () => holder(p),
      () => setFreshPrice(e),
    );
    const ref = await rent(e, n, renter, { durationSeconds: seconds });
    const r = await fetchRental(e, ref);
    const expected = quoteTokens(BigInt(seconds), RATE, price.price, price.conf, price.expo, 9);
    return { ref, m: RentalModel.create(big(r.startTs), seconds, expected) };
  }

  /** Opens a dispute at start + `t` and records it in the model. */
  async function disputeAt(ref: RentalRef, m: RentalModel, t: number): Promise<void> {
    await advanceTo(p.ctx, Number(m.startTs) + t);
    await openDisputeIx(e, ref).rpc();
    m.openDispute(big((await fetchRental(e, ref)).disputedAt));
  }

  const newEvidence = () =>
    createHash("sha256").update(`dispute-${Date.now()}-${Math.random()}`).digest();

  it("a dispute freezes provider claims (RentalDisputed) and changes nothing", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    const r = await fetchRental(e, ref);
    expectRentalMatches(r, m);
    if (exactClock(p.ctx)) expect(big(r.disputedAt)).to.equal(m.startTs + BigInt(INTO));
    await advanceTo(p.ctx, Math.max(Number(m.startTs) + secs(20, 2), Number(m.disputedAt) + 1));
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.operatorTokens, e.treasury]);
    await expectAnchorError(claimIx(e, ref).rpc(), "RentalDisputed");
    await expectUnchanged(p.ctx, before);
  });

  it("resolves with a 50 % refund and a slash sent half to the renter", async () => {
    const { ref, m } = await rented();
    await advanceTo(p.ctx, Number(m.startTs) + secs(5, 1));
    await claimIx(e, ref).rpc();
    m.claim(await lastTxTime(p.ctx));
    await disputeAt(ref, m, secs(10, 2));
    await advanceTo(p.ctx, Math.max(Number(m.startTs) + secs(30, 3), Number(m.disputedAt) + 1));

    const evidence = newEvidence();
    const b = await balances(e, ref);
    const stakeBefore = big((await p.ctx.nodeStaking.account.node.fetch(ref.n.node)).providerStake);
    await resolveIx(e, ref, {
      refundBps: 5000,
      slash: { evidence, fractionBps: 1000, renterShareBps: 5000 },
    }).rpc();
    const flows = m.resolve(await lastTxTime(p.ctx), 5000);
    expectRentalMatches(await fetchRental(e, ref), m);

    // 10 % of 1 000 staked tokens slashed, half of it to the renter.
    const node = await p.ctx.nodeStaking.account.node.fetch(ref.n.node);
    expect(stakeBefore - big(node.providerStake)).to.equal(tokens(100));
    // The other half goes to node_staking's treasury (in tests the same token account as the escrow's).
    const slashToTreasury = e.treasury.equals(p.treasury) ? tokens(50) : 0n;
    await expectFlows(e, ref, b, flows, { toRenter: tokens(50), toTreasury: slashToTreasury });
    const record = await p.ctx.nodeStaking.account.slashRecord.fetch(
      pda.slash(p.ctx, ref.n.node, evidence),
    );
    expect(record.authority.toBase58()).to.equal(e.rentalAuthority.toBase58());
    const ev = await lastEscrowEvent(p.ctx, "disputeResolved");
    expect(big(ev.paidUntil as never)).to.equal(m.disputedAt);
    expect(big(ev.refund as never)).to.equal(flows.toRenter);
    expect(ev.slashed).to.equal(true);
  });

  it("a resolution settles everything, unlocks the node, and the provider may close at once", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    await resolveIx(e, ref, { refundBps: 2500 }).rpc();
    m.resolve(await lastTxTime(p.ctx), 2500);
    expect(m.held()).to.equal(0n);
    const r = await fetchRental(e, ref);
    expect(r.nodeLocked).to.equal(false);
    expect(await activeRentals(e, ref.n)).to.equal(0);
    const b = await balances(e, ref);
    expect(b.vault).to.equal(0n);
    await closeIx(e, ref, ref.n.operator).rpc();
    await expectFlows(e, ref, b, m.close(0n));
    expect(await p.ctx.connection.getAccountInfo(ref.rental)).to.equal(null);
    expect(await activeRentals(e, ref.n)).to.equal(0);
  });

  it("a second resolution is refused (NotDisputed)", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    await resolveIx(e, ref, { refundBps: 0 }).rpc();
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(resolveIx(e, ref, { refundBps: 0 }).rpc(), "NotDisputed");
    await expectUnchanged(p.ctx, before);
  });

  it("a rental that is not disputed cannot be resolved (NotDisputed)", async () => {
    const { ref } = await rented();
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(resolveIx(e, ref, { refundBps: 0 }).rpc(), "NotDisputed");
    await expectUnchanged(p.ctx, before);
  });

  it("only the renter opens a dispute (NotRenter)", async () => {
    const { ref } = await rented();
    const stranger = await holder(p);
    const before = await snapshot(p.ctx, [ref.rental]);
    await expectAnchorError(openDisputeIx(e, ref, stranger.kp).rpc(), "NotRenter");
    await expectUnchanged(p.ctx, before);
  });

  it("a disputed or resolved rental cannot be disputed again (RentalNotActive)", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    let before = await snapshot(p.ctx, [ref.rental]);
    await expectAnchorError(openDisputeIx(e, ref).rpc(), "RentalNotActive");
    await expectUnchanged(p.ctx, before);
    await resolveIx(e, ref, { refundBps: 0 }).rpc();
    before = await snapshot(p.ctx, [ref.rental]);
    await expectAnchorError(openDisputeIx(e, ref).rpc(), "RentalNotActive");
    await expectUnchanged(p.ctx, before);
  });

  it("the last second of the window is accepted", async function () {
    if (!exactClock(p.ctx)) this.skip(); // needs the clock on an exact second
    const { ref, m } = await rented(RENTAL.ENDS);
    await advanceTo(p.ctx, Number(m.endTs) + ESCROW_TEST_PARAMS.disputeWindowSeconds);
    await openDisputeIx(e, ref).rpc();
    expect((await fetchRental(e, ref)).status).to.deep.equal({ disputed: {} });
  });

  it("a second after the window a dispute is refused (DisputeWindowClosed)", async () => {
    const { ref, m } = await rented(RENTAL.ENDS);
    await advanceTo(p.ctx, Number(m.endTs) + ESCROW_TEST_PARAMS.disputeWindowSeconds + 1);
    const before = await snapshot(p.ctx, [ref.rental]);
    await expectAnchorError(openDisputeIx(e, ref).rpc(), "DisputeWindowClosed");
    await expectUnchanged(p.ctx, before);
  });

  it("only the dispute authority resolves (NotDisputeAuthority)", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    const stranger = await holder(p);
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(
      resolveIx(e, ref, { refundBps: 0 }, stranger.kp).rpc(),
      "NotDisputeAuthority",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("a refund over 100 % is refused (InvalidRefund)", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(resolveIx(e, ref, { refundBps: 10_001 }).rpc(), "InvalidRefund");
    await expectUnchanged(p.ctx, before);
  });

  it("a slash without node_staking's accounts is refused (SlashAccountsMissing)", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(
      resolveIx(e, ref, {
        refundBps: 0,
        slash: { evidence: newEvidence(), fractionBps: 100, renterShareBps: 0, omitAccounts: true },
      }).rpc(),
      "SlashAccountsMissing",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("a cancelled rental can be disputed within its window; the refund comes from what accrued", async () => {
    const { ref, m } = await rented();
    await advanceTo(p.ctx, Number(m.startTs) + secs(20, 1));
    await cancelIx(e, ref).rpc();
    m.cancel(big((await fetchRental(e, ref)).endTs));
    expect(await activeRentals(e, ref.n)).to.equal(0);
    // Later, but within the window after the cancel.
    await disputeAt(ref, m, secs(25, 2));
    const b = await balances(e, ref);
    await resolveIx(e, ref, { refundBps: 10_000 }).rpc();
    const flows = m.resolve(await lastTxTime(p.ctx), 10_000);
    expectRentalMatches(await fetchRental(e, ref), m);
    // Nothing claimed: every accrued token goes back, the treasury keeps the fees earned.
    expect(flows.payout).to.equal(0n);
    expect(flows.toRenter).to.equal(m.accrualAt(m.endTs).tokens);
    await expectFlows(e, ref, b, flows);
    expect(await activeRentals(e, ref.n)).to.equal(0);
  });

  it("a slash through the dispute works while node_staking is paused", async () => {
    const { ref, m } = await rented();
    await disputeAt(ref, m, INTO);
    await setPausedIx(p, true).rpc();
    try {
      const stakeBefore = big(
        (await p.ctx.nodeStaking.account.node.fetch(ref.n.node)).providerStake,
      );
      await resolveIx(e, ref, {
        refundBps: 0,
        slash: { evidence: newEvidence(), fractionBps: 500, renterShareBps: 0 },
      }).rpc();
      const node = await p.ctx.nodeStaking.account.node.fetch(ref.n.node);
      expect(stakeBefore - big(node.providerStake)).to.equal(tokens(50));
      expect(node.activeRentals).to.equal(0);
    } finally {
      await setPausedIx(p, false).rpc();
    }
  });

  it("a disputed rental cannot be closed before its timeout, by the renter or the provider (RentalDisputed)", async () => {
    const { ref, m } = await rented(60);
    await disputeAt(ref, m, INTO);
    // One second before the timeout (a validator tries at once, well before it).
    if (exactClock(p.ctx)) {
      await advanceTo(p.ctx, Number(m.disputedAt) + ESCROW_TEST_PARAMS.disputeTimeoutSeconds - 1);
    }
    const before = await snapshot(p.ctx, [ref.rental, ref.vault, ref.n.node]);
    await expectAnchorError(closeIx(e, ref).rpc(), "RentalDisputed");
    await expectAnchorError(closeIx(e, ref, ref.n.operator).rpc(), "RentalDisputed");
    await expectUnchanged(p.ctx, before);
  });
});
