// Regression tests for the rental_escrow findings of the December 2026 review
// (../shared/reference/audit-2026-12.md, section rental_escrow; issue 12):
// one `describe` per finding, each asserting the fixed behaviour. Amounts
// are exact, computed by the BigInt model in helpers/escrow.ts (the renter
// pays up, payouts round down, each period accrues on its own). Every
// refusal is asserted by name, with no account changed.
// Part 1 of 2: E-H1 to E-M3 (audit-regressions-2.test.ts has E-M4 to E-L7;
// the market and helpers both use are in helpers/escrow-audit.ts).
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { fundedKeypair, programDataAddress, PYTH } from "../helpers/context";
import {
  activeRentals,
  balances,
  cancelIx,
  claimIx,
  closeIx,
  createRentalIx,
  donate,
  Escrow,
  escrowPda,
  ESCROW_TEST_PARAMS,
  escrowUpdateIx,
  expectFlows,
  expectRentalMatches,
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
  resolveIx,
  setFreshPrice,
} from "../helpers/escrow";
import { auditHelpers, auditMarket, RATE } from "../helpers/escrow-audit";
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
  pda,
  Protocol,
  registerNode,
  requestUnstakeIx,
  secs,
  setPausedIx,
  slashIx,
  stakeIx,
  tokens,
  updateTierIx,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

const { disputeWindowSeconds: WINDOW, disputeTimeoutSeconds: TIMEOUT } = ESCROW_TEST_PARAMS;

describe("rental_escrow: audit regressions, E-H1 to E-M3 (December 2026 review)", () => {
  let p: Protocol;
  let e: Escrow;
  let tierId: number;

  before(async () => {
    ({ p, e, tierId } = await auditMarket());
  });
  const { rentableNode, rented, accountsOf, at, afterDispute, disputeAt } = auditHelpers(() => ({
    p,
    e,
    tierId,
  }));

  // -------------------------------------------------------------------------
  describe("E-H1: a donation to a vault cannot block the close (the surplus goes to the renter)", () => {
    it("a vault with 1 extra base unit closes by the renter; the unit goes to the renter, the node is unlocked", async () => {
      const [{ ref, m }, donor] = await independently(
        p.ctx,
        () => rented(RENTAL.ENDS),
        () => holder(p, tokens(1)),
      );
      await donate(e, donor, ref.vault, 1n);
      await advanceTo(p.ctx, Number(m.endTs));
      expect(await activeRentals(e, ref.n)).to.equal(1);
      const b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      expect(flows.surplus).to.equal(1n);
      await expectFlows(e, ref, b, flows);
      expect(big((await lastEscrowEvent(p.ctx, "rentalClosed")).surplus as never)).to.equal(1n);
      expect(await p.ctx.connection.getAccountInfo(ref.rental)).to.equal(null);
      expect(await p.ctx.connection.getAccountInfo(ref.vault)).to.equal(null);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("a vault with an awkward extra amount closes by the provider after the window; the surplus goes to the renter", async () => {
      const donation = 3_141_592_653_589n;
      const [{ ref, m }, donor] = await independently(
        p.ctx,
        () => rented(RENTAL.ENDS),
        () => holder(p),
      );
      await donate(e, donor, ref.vault, donation);
      await advanceTo(p.ctx, Number(m.endTs) + WINDOW + 1);
      const b = await balances(e, ref);
      await closeIx(e, ref, ref.n.operator).rpc();
      const flows = m.close(b.vault);
      expect(flows.surplus).to.equal(donation);
      await expectFlows(e, ref, b, flows);
      expect(await p.ctx.connection.getAccountInfo(ref.vault)).to.equal(null);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("a cancelled rental with a donation closes; the donation goes to the renter", async () => {
      const [{ ref, m }, donor] = await independently(
        p.ctx,
        () => rented(600),
        () => holder(p, tokens(1)),
      );
      await at(m, INTO);
      await cancelIx(e, ref).rpc();
      m.cancel(big((await fetchRental(e, ref)).endTs));
      await donate(e, donor, ref.vault, 7n);
      const b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      expect(flows.surplus).to.equal(7n);
      await expectFlows(e, ref, b, flows);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("a resolved rental with a donation closes; the whole donation goes to the renter", async () => {
      const [{ ref, m }, donor] = await independently(
        p.ctx,
        () => rented(600),
        () => holder(p, tokens(1)),
      );
      await disputeAt(ref, m, INTO);
      await resolveIx(e, ref, { refundBps: 5000 }).rpc();
      m.resolve(await lastTxTime(p.ctx), 5000);
      await donate(e, donor, ref.vault, 999_999_999n);
      const b = await balances(e, ref);
      await closeIx(e, ref, ref.n.operator).rpc();
      await expectFlows(e, ref, b, m.close(b.vault));
      expect(b.renter + 999_999_999n).to.equal(await balance(p.ctx, ref.renter.tokens));
    });

    it("while a rental counts the provider cannot unstake below the minimum; after a donated close it can", async () => {
      const [{ ref, m }, donor] = await independently(
        p.ctx,
        () => rented(RENTAL.ENDS),
        () => holder(p, tokens(1)),
      );
      await donate(e, donor, ref.vault, 1n);
      await advanceTo(p.ctx, Number(m.endTs));
      const before = await snapshot(p.ctx, [ref.n.node]);
      await expectAnchorError(
        requestUnstakeIx(p, ref.n, tokens(100)).rpc(),
        "BelowMinimumWithActiveRentals",
      );
      await expectUnchanged(p.ctx, before);
      await closeIx(e, ref).rpc();
      await requestUnstakeIx(p, ref.n, tokens(100)).rpc();
      const node = await p.ctx.nodeStaking.account.node.fetch(ref.n.node);
      expect(big(node.providerStake)).to.equal(0n);
      expect(node.activeRentals).to.equal(0);
    });
  });

  // -------------------------------------------------------------------------
  describe("E-H2: only the program's upgrade authority initialises", () => {
    // A fresh world with no escrow config (LiteSVM: a new runtime). On the
    // shared validator the config exists already and 00-initialize.test.ts
    // ran these checks first on that chain.
    let q: Protocol;
    let treasury: PublicKey;

    before(async function () {
      // ensureProtocol() on the shared validator would reset its rental
      // authority under the other suites: only LiteSVM gets a fresh world.
      if (!p.ctx.svm) this.skip();
      q = await ensureProtocol();
      const existing = await q.ctx.rentalEscrow.account.escrowConfig.fetchNullable(
        escrowPda.config(q.ctx),
      );
      if (existing) this.skip();
      treasury = await fundTokenAccount(q.ctx, q.stakeMint, q.ctx.payer.publicKey, 0n);
    });

    const initialize = (admin: PublicKey) =>
      q.ctx.rentalEscrow.methods
        .initialize({
          oracleKind: { pythLegacy: {} } as never,
          oracleProgram: PYTH.legacyMainnet,
          oracleAccount: Keypair.generate().publicKey,
          feedId: new Array(32).fill(0),
          disputeAuthority: admin,
          maxPriceAgeSeconds: null,
          maxConfidenceBps: null,
          reservationFeeBps: null,
          disputeWindowSeconds: null,
        })
        .accountsPartial({
          admin,
          stakingConfig: q.config,
          paymentMint: q.stakeMint,
          treasury,
          tokenProgram: TOKEN_PROGRAM_ID,
        });

    it("a stranger's initialize is refused (NotUpgradeAuthority) and creates nothing", async () => {
      const stranger = await fundedKeypair(q.ctx);
      const before = await snapshot(q.ctx, [escrowPda.config(q.ctx)]);
      await expectAnchorError(
        initialize(stranger.publicKey).signers([stranger]).rpc(),
        "NotUpgradeAuthority",
      );
      await expectUnchanged(q.ctx, before);
    });

    it("another program's ProgramData is refused (ConstraintSeeds)", async () => {
      // node_staking's ProgramData names the same upgrade authority.
      const before = await snapshot(q.ctx, [escrowPda.config(q.ctx)]);
      await expectAnchorError(
        initialize(q.ctx.payer.publicKey)
          .accountsPartial({ programData: programDataAddress(q.ctx.nodeStaking.programId) })
          .rpc(),
        "ConstraintSeeds",
      );
      await expectUnchanged(q.ctx, before);
    });

    it("a node_staking account that is not its Config is refused (AccountDiscriminatorMismatch)", async () => {
      const tier = await createTier(q, { maxNodeStake: tokens(1000) });
      const before = await snapshot(q.ctx, [escrowPda.config(q.ctx)]);
      await expectAnchorError(
        initialize(q.ctx.payer.publicKey)
          .accountsPartial({
            stakingConfig: pda.tier(q.ctx, tier),
          })
          .rpc(),
        "AccountDiscriminatorMismatch",
      );
      await expectUnchanged(q.ctx, before);
    });

    it("the upgrade authority initialises; a later initialize fails (the config exists; anyone else is not the authority)", async () => {
      await initialize(q.ctx.payer.publicKey).rpc();
      const cfg = await q.ctx.rentalEscrow.account.escrowConfig.fetch(escrowPda.config(q.ctx));
      expect(cfg.admin.equals(q.ctx.payer.publicKey)).to.equal(true);
      const stranger = await fundedKeypair(q.ctx);
      const before = await snapshot(q.ctx, [escrowPda.config(q.ctx)]);
      // The account checks (upgrade authority) run before the config is created.
      await expectAnchorError(
        initialize(stranger.publicKey).signers([stranger]).rpc(),
        "NotUpgradeAuthority",
      );
      await expectFailureWithLog(initialize(q.ctx.payer.publicKey).rpc(), "already in use");
      await expectUnchanged(q.ctx, before);
    });
  });

  // -------------------------------------------------------------------------
  describe("E-M1: rentals start only on collateralised nodes (node_staking's errors through the lock CPI)", () => {
    async function refused(n: NodeHandle, error: string): Promise<void> {
      const [renter] = await independently(
        p.ctx,
        () => holder(p),
        () => setFreshPrice(e),
      );
      const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 600 });
      const before = await snapshot(p.ctx, [rental, vault, n.node, renter.tokens]);
      const err = await expectAnchorError(builder.rpc(), error);
      expect(err.program.equals(p.ctx.nodeStaking.programId), "raised by node_staking").to.equal(
        true,
      );
      await expectUnchanged(p.ctx, before);
    }

    it("a node slashed below the minimum is refused (NodeNotActive)", async () => {
      const n = await rentableNode();
      await slashIx(p, n, { fractionBps: 100 }).rpc(); // 100 → 99 tokens, minimum 100
      await refused(n, "NodeNotActive");
    });

    it("a node whose tier minimum rose above its stake is refused (NodeNotActive)", async () => {
      const tier = await createTier(p, { maxNodeStake: tokens(100_000) });
      const n = await rentableNode(tokens(100), tier);
      await updateTierIx(p, n.tier, { minProviderStake: tokens(150) }).rpc();
      // Still stored as Active: the lock re-evaluates it.
      expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).status).to.deep.equal({
        active: {},
      });
      await refused(n, "NodeNotActive");
    });

    it("a jailed node is refused (NodeJailed)", async () => {
      const n = await rentableNode(tokens(1000));
      await slashIx(p, n, { fractionBps: 100, reason: "dataLeak" }).rpc();
      await refused(n, "NodeJailed");
    });

    it("while node_staking is paused no rental starts (Paused, from node_staking)", async () => {
      const n = await rentableNode();
      await setPausedIx(p, true).rpc();
      try {
        await refused(n, "Paused");
      } finally {
        await setPausedIx(p, false).rpc();
      }
    });
  });

  // -------------------------------------------------------------------------
  describe("E-M2: extend is a new purchase of time on a node that is still rentable", () => {
    async function refusedExtend(ref: RentalRef, error: string, extraSeconds = 600) {
      await setFreshPrice(e);
      const before = await snapshot(p.ctx, accountsOf(ref));
      await expectAnchorError(extendIx(e, ref, { extraSeconds }).rpc(), error);
      await expectUnchanged(p.ctx, before);
    }

    it("a node jailed during the rental cannot be extended (NodeNotRentable)", async () => {
      const { ref } = await rented(600, await rentableNode(tokens(1000)));
      await slashIx(p, ref.n, { fractionBps: 100, reason: "dataLeak" }).rpc();
      await refusedExtend(ref, "NodeNotRentable");
    });

    it("a node slashed to Pending during the rental cannot be extended (NodeNotRentable)", async () => {
      const { ref } = await rented(600);
      await slashIx(p, ref.n, { fractionBps: 100 }).rpc();
      expect((await p.ctx.nodeStaking.account.node.fetch(ref.n.node)).status).to.deep.equal({
        pending: {},
      });
      await refusedExtend(ref, "NodeNotRentable");
    });

    it("an Exiting node cannot be extended (NodeNotRentable)", async () => {
      // 200 staked, 100 unbonding before the rental; a slash then takes the
      // 100 still staked: no stake left, some unbonding → Exiting.
      const n = await rentableNode(tokens(200));
      await requestUnstakeIx(p, n, tokens(100)).rpc();
      const { ref } = await rented(600, n);
      await slashIx(p, n, { fractionBps: 5000 }).rpc();
      expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).status).to.deep.equal({
        exiting: {},
      });
      await refusedExtend(ref, "NodeNotRentable");
    });

    it("a node below a raised tier minimum (still stored Active) cannot be extended (NodeNotRentable)", async () => {
      const tier = await createTier(p, { maxNodeStake: tokens(100_000) });
      const { ref } = await rented(600, await rentableNode(tokens(100), tier));
      await updateTierIx(p, ref.n.tier, { minProviderStake: tokens(100) + 1n }).rpc();
      await refusedExtend(ref, "NodeNotRentable");
    });

    it("while node_staking is paused no rental is extended (NodeNotRentable)", async () => {
      const { ref } = await rented(600);
      await setPausedIx(p, true).rpc();
      try {
        await refusedExtend(ref, "NodeNotRentable");
      } finally {
        await setPausedIx(p, false).rpc();
      }
    });

    it("another node than the rental's is refused (WrongNode)", async () => {
      const { ref } = await rented(600);
      const other = await rentableNode();
      await setFreshPrice(e);
      const before = await snapshot(p.ctx, [...accountsOf(ref), other.node]);
      await expectAnchorError(
        extendIx(e, ref, { extraSeconds: 600 })
          .accountsPartial({ node: other.node, stakingSpecTier: other.tier })
          .rpc(),
        "WrongNode",
      );
      await expectUnchanged(p.ctx, before);
    });

    it("prices the new period at the node's current rate (add-ons at their current price) and the current price", async () => {
      const n = await registerNode(p, tierId);
      const pricing = (base: bigint, addon: bigint) =>
        p.ctx.nodeStaking.methods
          .updatePricing({
            priceMicroUsdPerHour: bn(base),
            qosAddons: [{ id: 3, priceMicroUsdPerHour: bn(addon) }],
          })
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc();
      await pricing(3_200_000n, 400_000n);
      await stakeIx(p, n, tokens(100)).rpc();
      const renter = await holder(p);
      const p1 = await setFreshPrice(e);
      const ref = await rent(e, n, renter, { durationSeconds: 600, qosAddonIds: [3] });
      const r0 = await fetchRental(e, ref);
      const m = RentalModel.create(
        big(r0.startTs),
        600,
        quoteTokens(600n, 3_600_000n, p1.price, p1.conf, p1.expo, 9),
      );
      // The provider doubles its prices; the token gets dearer ($2.50).
      await pricing(6_400_000n, 800_000n);
      const p2 = await setFreshPrice(e, { price: 250_000_000n, conf: 250_000n });
      await extendIx(e, ref, { extraSeconds: 600 }).rpc();
      m.buy(600, quoteTokens(600n, 7_200_000n, p2.price, p2.conf, p2.expo, 9));
      const r = await fetchRental(e, ref);
      expectRentalMatches(r, m);
      expect(big(r.rateMicroUsdPerHour)).to.equal(7_200_000n);
      expect(big(r.price)).to.equal(p2.price);
    });

    it("an add-on the node no longer offers cannot be extended (UnknownQosAddon)", async () => {
      const n = await registerNode(p, tierId);
      const pricing = (addons: { id: number; priceMicroUsdPerHour: ReturnType<typeof bn> }[]) =>
        p.ctx.nodeStaking.methods
          .updatePricing({ priceMicroUsdPerHour: bn(RATE), qosAddons: addons })
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc();
      await pricing([{ id: 3, priceMicroUsdPerHour: bn(400_000n) }]);
      await stakeIx(p, n, tokens(100)).rpc();
      await setFreshPrice(e);
      const ref = await rent(e, n, await holder(p), { durationSeconds: 600, qosAddonIds: [3] });
      await pricing([]);
      await refusedExtend(ref, "UnknownQosAddon");
    });

    it("a rental holds at most 8 periods (TooManyExtensions)", async () => {
      const { ref } = await rented(60);
      for (let i = 0; i < 7; i++) await extendIx(e, ref, { extraSeconds: 60 }).rpc();
      expect((await fetchRental(e, ref)).periodCount).to.equal(8);
      await refusedExtend(ref, "TooManyExtensions", 60);
    });

    describe("the total length is capped by the config (RentalTooLong)", () => {
      before(async () => {
        await escrowUpdateIx(e, { maxTotalRentalSeconds: 180 }).rpc();
      });
      after(async () => {
        await escrowUpdateIx(e, ESCROW_TEST_PARAMS).rpc();
      });

      it("a rental longer than the cap cannot be created", async () => {
        const [n, renter] = await independently(
          p.ctx,
          () => rentableNode(),
          () => holder(p),
          () => setFreshPrice(e),
        );
        const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 181 });
        const before = await snapshot(p.ctx, [rental, vault, n.node, renter.tokens]);
        await expectAnchorError(builder.rpc(), "RentalTooLong");
        await expectUnchanged(p.ctx, before);
      });

      it("an extension past the cap is refused; up to the cap is accepted", async () => {
        const { ref } = await rented(120);
        await refusedExtend(ref, "RentalTooLong", 61);
        await extendIx(e, ref, { extraSeconds: 60 }).rpc();
        const r = await fetchRental(e, ref);
        expect(r.endTs.toNumber() - r.startTs.toNumber()).to.equal(180);
      });
    });

    it("a rental that has ended cannot be extended (RentalEnded)", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await advanceTo(p.ctx, Number(m.endTs));
      await refusedExtend(ref, "RentalEnded");
    });

    it("a cancelled rental cannot be extended (RentalNotActive)", async () => {
      const { ref } = await rented(600);
      await cancelIx(e, ref).rpc();
      await refusedExtend(ref, "RentalNotActive");
    });

    it("a disputed rental cannot be extended (RentalNotActive)", async () => {
      const { ref } = await rented(600);
      await openDisputeIx(e, ref).rpc();
      await refusedExtend(ref, "RentalNotActive");
    });

    it("an extension shorter than the minimum rental is refused (InvalidDuration)", async () => {
      const { ref } = await rented(600);
      await refusedExtend(ref, "InvalidDuration", ESCROW_TEST_PARAMS.minRentalSeconds - 1);
    });
  });

  // -------------------------------------------------------------------------
  describe("E-M3: a dispute stops the meter, and an unresolved one expires", () => {
    it("accrual stops at disputed_at: resolved later, the provider is paid until the dispute only", async () => {
      const { ref, m } = await rented(1000);
      await at(m, INTO);
      await claimIx(e, ref).rpc();
      m.claim(await lastTxTime(p.ctx));
      await disputeAt(ref, m, secs(20, 2));
      await afterDispute(m, secs(60, 3));
      const before = await snapshot(p.ctx, accountsOf(ref));
      await expectAnchorError(claimIx(e, ref).rpc(), "RentalDisputed");
      await expectUnchanged(p.ctx, before);
      const b = await balances(e, ref);
      await resolveIx(e, ref, { refundBps: 0 }).rpc();
      const flows = m.resolve(await lastTxTime(p.ctx), 0);
      expectRentalMatches(await fetchRental(e, ref), m);
      expect(m.claimed, "the provider side got exactly the accrual until the dispute").to.equal(
        m.accrualAt(m.disputedAt).tokens,
      );
      expect(m.endTs).to.equal(m.disputedAt);
      await expectFlows(e, ref, b, flows);
      expect(big((await lastEscrowEvent(p.ctx, "disputeResolved")).paidUntil as never)).to.equal(
        m.disputedAt,
      );
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });

    it("pay_after_dispute pays service until the resolution", async () => {
      const { ref, m } = await rented(1000);
      await disputeAt(ref, m, INTO);
      await afterDispute(m, secs(40, 3));
      const b = await balances(e, ref);
      await resolveIx(e, ref, { refundBps: 0, payAfterDispute: true }).rpc();
      const now = await lastTxTime(p.ctx);
      const flows = m.resolve(now, 0, true);
      expect(m.endTs).to.equal(BigInt(now));
      if (exactClock(p.ctx)) expect(m.endTs).to.equal(m.startTs + 40n);
      expectRentalMatches(await fetchRental(e, ref), m);
      await expectFlows(e, ref, b, flows);
    });

    it("pay_after_dispute after the end pays the whole rental and refunds nothing of it", async () => {
      const { ref, m } = await rented(RENTAL.ENDS);
      await disputeAt(ref, m, INTO);
      await afterDispute(m, RENTAL.ENDS + secs(5, 1));
      const b = await balances(e, ref);
      await resolveIx(e, ref, { refundBps: 0, payAfterDispute: true }).rpc();
      const flows = m.resolve(await lastTxTime(p.ctx), 0, true);
      expect(flows.toRenter).to.equal(0n);
      expect(m.claimed).to.equal(m.deposited);
      await expectFlows(e, ref, b, flows);
    });

    it("one second before the timeout neither party can close (RentalDisputed)", async function () {
      if (!exactClock(p.ctx)) this.skip(); // an exact-second boundary
      const { ref, m } = await rented(1000);
      await disputeAt(ref, m, INTO);
      await advanceTo(p.ctx, Number(m.disputedAt) + TIMEOUT - 1);
      const before = await snapshot(p.ctx, accountsOf(ref));
      await expectAnchorError(closeIx(e, ref).rpc(), "RentalDisputed");
      await expectAnchorError(closeIx(e, ref, ref.n.operator).rpc(), "RentalDisputed");
      await expectUnchanged(p.ctx, before);
    });

    it("at the timeout the provider closes with the default outcome: paid until the dispute, no refund of it, no slash", async () => {
      const { ref, m } = await rented(1000);
      await at(m, secs(5, 1));
      await claimIx(e, ref).rpc();
      m.claim(await lastTxTime(p.ctx));
      await disputeAt(ref, m, secs(10, 2));
      await advanceTo(p.ctx, Number(m.disputedAt) + TIMEOUT);
      const stake = (await p.ctx.nodeStaking.account.node.fetch(ref.n.node)).providerStake;
      const b = await balances(e, ref);
      await closeIx(e, ref, ref.n.operator).rpc();
      const flows = m.close(b.vault);
      expect(flows.expired).to.equal(true);
      expect(m.claimed).to.equal(m.accrualAt(m.disputedAt).tokens);
      await expectFlows(e, ref, b, flows);
      const ev = await lastEscrowEvent(p.ctx, "rentalClosed");
      expect(ev.disputeExpired).to.equal(true);
      expect(big(ev.refund as never)).to.equal(flows.toRenter);
      const node = await p.ctx.nodeStaking.account.node.fetch(ref.n.node);
      expect(node.activeRentals).to.equal(0);
      expect(big(node.providerStake)).to.equal(big(stake));
    });

    it("the renter can close an expired dispute too, with the same default outcome", async () => {
      const { ref, m } = await rented(1000);
      await disputeAt(ref, m, INTO);
      await advanceTo(p.ctx, Number(m.disputedAt) + TIMEOUT);
      const b = await balances(e, ref);
      await closeIx(e, ref).rpc();
      const flows = m.close(b.vault);
      await expectFlows(e, ref, b, flows);
      // The unserved seconds (990 of 1 000 on LiteSVM): their tokens and fees come back.
      const served = m.accrualAt(m.disputedAt);
      expect(flows.toRenter).to.equal(m.deposited - served.tokens + m.renterFees - served.fees);
      expect((await lastEscrowEvent(p.ctx, "rentalClosed")).disputeExpired).to.equal(true);
      expect(await activeRentals(e, ref.n)).to.equal(0);
    });
  });
});
