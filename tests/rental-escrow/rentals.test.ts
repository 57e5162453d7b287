// Rentals: USD pricing converted at the oracle price, escrow, per-second
// streaming to the provider, extend, cancel, close, clusters and pause.
import { PublicKey, Transaction } from "@solana/web3.js";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { lastTransaction } from "../helpers/context";
import {
  createRentalIx,
  Escrow,
  ensureEscrow,
  escrowPda,
  ESCROW_TEST_PARAMS,
  freshPrice,
  quoteTokens,
  setLegacyPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  createTier,
  ensureProtocol,
  exactClock,
  holder,
  Holder,
  NodeHandle,
  pda,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { balance } from "../helpers/tokens";

const feeOf = (amount: bigint, bps: bigint) => (amount * bps + 9999n) / 10000n;

describe("rental_escrow: rentals", () => {
  let p: Protocol;
  let e: Escrow;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
  });

  async function rentableNode(priceMicroUsd = 1_000_000n): Promise<NodeHandle> {
    const n = await registerNode(p, tierId, { priceMicroUsd });
    await stakeIx(p, n, tokens(100)).rpc();
    return n;
  }

  const claimIx = (
    n: NodeHandle,
    rental: import("@solana/web3.js").PublicKey,
    vault: import("@solana/web3.js").PublicKey,
  ) =>
    p.ctx.rentalEscrow.methods
      .claim()
      .accountsPartial({
        provider: n.operator.publicKey,
        rental,
        vault,
        providerTokens: n.operatorTokens,
        treasury: e.treasury,
        paymentMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator]);

  it("prices a 2-hour rental with a QoS add-on, escrows tokens + fee and locks the node", async () => {
    const n = await registerNode(p, tierId, { priceMicroUsd: 1_000_000n });
    await p.ctx.nodeStaking.methods
      .updatePricing({
        priceMicroUsdPerHour: bn(1_000_000n),
        qosAddons: [{ id: 3, priceMicroUsdPerHour: bn(250_000n) }],
      })
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    await stakeIx(p, n, tokens(100)).rpc();
    const renter = await holder(p);
    const price = await freshPrice(p.ctx);
    await setLegacyPrice(p.ctx, e.priceAccount, price);
    const expected = quoteTokens(7200n, 1_250_000n, price.price, price.conf, price.expo, 9);
    const fee = feeOf(expected, 25n);
    const treasuryBefore = await balance(p.ctx, e.treasury);
    const { builder, rental, vault } = createRentalIx(e, n, renter, {
      durationSeconds: 7200,
      qosAddonIds: [3],
      maxTokens: expected + fee,
    });
    await builder.rpc();
    const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(big(r.deposited)).to.equal(expected);
    expect(big(r.renterFees)).to.equal(fee);
    expect(big(r.rateMicroUsdPerHour)).to.equal(1_250_000n);
    expect(Array.from(r.qosAddonIds)).to.deep.equal([3, 0, 0, 0]);
    expect(big(r.price)).to.equal(price.price);
    expect(r.expo).to.equal(price.expo);
    expect(big(r.publishTime)).to.equal(price.publishTime);
    expect(r.endTs.toNumber() - r.startTs.toNumber()).to.equal(7200);
    expect(r.status).to.deep.equal({ active: {} });
    expect(await balance(p.ctx, vault)).to.equal(expected);
    expect(await balance(p.ctx, renter.tokens)).to.equal(tokens(10_000) - expected - fee);
    expect(await balance(p.ctx, e.treasury)).to.equal(treasuryBefore + fee);
    expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).activeRentals).to.equal(1);
  });

  it("max_tokens one base unit below the cost fails and changes nothing (slippage guard)", async () => {
    const n = await rentableNode();
    const renter = await holder(p);
    const price = await freshPrice(p.ctx);
    await setLegacyPrice(p.ctx, e.priceAccount, price);
    const expected = quoteTokens(3600n, 1_000_000n, price.price, price.conf, price.expo, 9);
    const total = expected + feeOf(expected, 25n);
    const { builder, rental } = createRentalIx(e, n, renter, {
      durationSeconds: 3600,
      maxTokens: total - 1n,
    });
    const before = await snapshot(p.ctx, [rental, n.node, renter.tokens, e.treasury]);
    await expectAnchorError(builder.rpc(), "SlippageExceeded");
    await expectUnchanged(p.ctx, before);
    await createRentalIx(e, n, renter, { durationSeconds: 3600, maxTokens: total }).builder.rpc();
  });

  it("rejects bad durations, unknown or repeated add-ons and inactive nodes", async () => {
    const n = await rentableNode();
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const before = await snapshot(p.ctx, [n.node, renter.tokens]);
    await expectAnchorError(
      createRentalIx(e, n, renter, { durationSeconds: 59 }).builder.rpc(),
      "InvalidDuration",
    );
    await expectAnchorError(
      createRentalIx(e, n, renter, { durationSeconds: 90 * 86400 + 1 }).builder.rpc(),
      "InvalidDuration",
    );
    await expectAnchorError(
      createRentalIx(e, n, renter, { durationSeconds: 3600, qosAddonIds: [9] }).builder.rpc(),
      "UnknownQosAddon",
    );
    await expectUnchanged(p.ctx, before);
    const pending = await registerNode(p, tierId);
    await expectAnchorError(
      createRentalIx(e, pending, renter, { durationSeconds: 3600 }).builder.rpc(),
      "NodeNotRentable",
    );
  });

  /** The unix time the last transaction executed at (LiteSVM: the clock; validator: its block time). */
  async function lastTxTime(): Promise<number> {
    if (exactClock(p.ctx)) return chainTime(p.ctx);
    const { signature } = await lastTransaction(p.ctx);
    const tx = await p.ctx.connection.getTransaction(signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    if (!tx?.blockTime) throw new Error(`no block time for ${signature}`);
    return tx.blockTime;
  }

  /** Conservation: the vault holds exactly deposited − claimed − refunded. */
  async function expectVaultConserved(rental: PublicKey, vault: PublicKey): Promise<void> {
    const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(await balance(p.ctx, vault)).to.equal(
      big(r.deposited) - big(r.claimed) - big(r.refunded),
    );
  }

  it("streams per second: nothing at 0 s, then 1 s, half, end; after the end nothing more", async () => {
    const n = await rentableNode(3_600_000n); // $3.60 per hour = $0.001 per second
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 60 });
    await builder.rpc();
    const r0 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    const deposited = big(r0.deposited);
    const start = r0.startTs.toNumber();
    expect(r0.endTs.toNumber()).to.equal(start + 60);
    await expectVaultConserved(rental, vault);

    // 0 s: nothing has accrued (only an exact clock can stand still at the start).
    if (exactClock(p.ctx)) {
      const before = await snapshot(p.ctx, [rental, vault, n.operatorTokens, e.treasury]);
      await expectAnchorError(claimIx(n, rental, vault).rpc(), "NothingToClaim");
      await expectUnchanged(p.ctx, before);
    }

    // 1 s, half, end: the provider gets deposited × elapsed / 60 (rounded down)
    // in total, each claim minus the 0.25 % fee (the fee rounds up).
    let claimed = 0n;
    for (const t of [1, 30, 60]) {
      await advanceTo(p.ctx, start + t);
      const wallet = await balance(p.ctx, n.operatorTokens);
      const treasury = await balance(p.ctx, e.treasury);
      await claimIx(n, rental, vault).rpc();
      const at = await lastTxTime();
      if (exactClock(p.ctx)) expect(at).to.equal(start + t);
      const total = (deposited * BigInt(Math.min(at - start, 60))) / 60n;
      const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
      expect(big(r.claimed), `claimed at ${at - start} s`).to.equal(total);
      const delta = total - claimed;
      expect(await balance(p.ctx, n.operatorTokens)).to.equal(wallet + (delta * 9975n) / 10000n);
      expect(await balance(p.ctx, e.treasury)).to.equal(
        treasury + delta - (delta * 9975n) / 10000n,
      );
      await expectVaultConserved(rental, vault);
      claimed = total;
    }
    expect(claimed).to.equal(deposited);
    expect(await balance(p.ctx, vault)).to.equal(0n);

    // After the end: nothing more, and nothing changes.
    await advanceTo(p.ctx, start + 61);
    const before = await snapshot(p.ctx, [rental, vault, n.operatorTokens, e.treasury]);
    await expectAnchorError(claimIx(n, rental, vault).rpc(), "NothingToClaim");
    await expectUnchanged(p.ctx, before);
  });

  it("every token settles once: cancel then claim, and claim + cancel in one transaction", async () => {
    const n = await rentableNode(3_600_000n);
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const cancelIx = (rental: PublicKey, vault: PublicKey) =>
      p.ctx.rentalEscrow.methods
        .cancelRental()
        .accountsPartial({
          renter: renter.kp.publicKey,
          rental,
          vault,
          renterTokens: renter.tokens,
          paymentMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([renter.kp]);

    // Cancel first: the renter gets the unaccrued part; the provider then
    // claims exactly what accrued, once.
    const first = createRentalIx(e, n, renter, { durationSeconds: 600 });
    await first.builder.rpc();
    const start = (await p.ctx.rentalEscrow.account.rental.fetch(first.rental)).startTs.toNumber();
    await advanceTo(p.ctx, start + 5);
    await cancelIx(first.rental, first.vault).rpc();
    await expectVaultConserved(first.rental, first.vault);
    const cancelled = await p.ctx.rentalEscrow.account.rental.fetch(first.rental);
    const accrued = big(cancelled.streamBase);
    expect(await balance(p.ctx, first.vault)).to.equal(accrued);
    await advanceTo(p.ctx, start + 10); // time passing after a cancel accrues nothing
    await claimIx(n, first.rental, first.vault).rpc();
    const claimedAfterCancel = await p.ctx.rentalEscrow.account.rental.fetch(first.rental);
    expect(big(claimedAfterCancel.claimed)).to.equal(accrued);
    expect(big(claimedAfterCancel.claimed) + big(claimedAfterCancel.refunded)).to.equal(
      big(claimedAfterCancel.deposited),
    );
    expect(await balance(p.ctx, first.vault)).to.equal(0n);
    const settled = await snapshot(p.ctx, [first.rental, first.vault, n.operatorTokens]);
    await expectAnchorError(claimIx(n, first.rental, first.vault).rpc(), "NothingToClaim");
    await expectAnchorError(cancelIx(first.rental, first.vault).rpc(), "RentalNotActive");
    await expectUnchanged(p.ctx, settled);

    // Claim and cancel in one transaction: the claim pays what accrued, the
    // cancel refunds the rest, and the vault ends empty.
    const second = createRentalIx(e, n, renter, { durationSeconds: 600 });
    await second.builder.rpc();
    const start2 = (
      await p.ctx.rentalEscrow.account.rental.fetch(second.rental)
    ).startTs.toNumber();
    await advanceTo(p.ctx, start2 + 5);
    const renterWallet = await balance(p.ctx, renter.tokens);
    const providerWallet = await balance(p.ctx, n.operatorTokens);
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        await claimIx(n, second.rental, second.vault).instruction(),
        await cancelIx(second.rental, second.vault).instruction(),
      ),
      [n.operator, renter.kp],
    );
    const r = await p.ctx.rentalEscrow.account.rental.fetch(second.rental);
    expect(r.status).to.deep.equal({ cancelled: {} });
    expect(big(r.claimed) + big(r.refunded)).to.equal(big(r.deposited));
    expect(big(r.claimed) > 0n, "the claim paid what accrued").to.equal(true);
    expect(await balance(p.ctx, second.vault)).to.equal(0n);
    expect(await balance(p.ctx, renter.tokens)).to.equal(renterWallet + big(r.refunded));
    expect(await balance(p.ctx, n.operatorTokens)).to.equal(
      providerWallet + (big(r.claimed) * 9975n) / 10000n,
    );
  });

  it("only the node's provider claims; only the renter cancels or extends", async () => {
    const n = await rentableNode();
    const renter = await holder(p);
    const stranger = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 600 });
    await builder.rpc();
    const before = await snapshot(p.ctx, [rental, vault]);
    await expectAnchorError(
      p.ctx.rentalEscrow.methods
        .claim()
        .accountsPartial({
          provider: stranger.kp.publicKey,
          rental,
          vault,
          providerTokens: stranger.tokens,
          treasury: e.treasury,
          paymentMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([stranger.kp])
        .rpc(),
      "NotProvider",
    );
    await expectAnchorError(
      p.ctx.rentalEscrow.methods
        .cancelRental()
        .accountsPartial({
          renter: stranger.kp.publicKey,
          rental,
          vault,
          renterTokens: stranger.tokens,
          paymentMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([stranger.kp])
        .rpc(),
      "NotRenter",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("cancel: the provider keeps what accrued, the renter gets the rest; then close settles and unlocks", async () => {
    const n = await rentableNode(3_600_000n);
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 1000 });
    await builder.rpc();
    const r0 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    const deposited = big(r0.deposited);
    await advanceTo(p.ctx, r0.startTs.toNumber() + 10);
    const renterWallet = await balance(p.ctx, renter.tokens);
    await p.ctx.rentalEscrow.methods
      .cancelRental()
      .accountsPartial({
        renter: renter.kp.publicKey,
        rental,
        vault,
        renterTokens: renter.tokens,
        paymentMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([renter.kp])
      .rpc();
    const r1 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    const elapsed = BigInt(r1.endTs.toNumber() - r0.startTs.toNumber());
    const accrued = (deposited * elapsed) / 1000n;
    expect(big(r1.refunded)).to.equal(deposited - accrued);
    expect(await balance(p.ctx, renter.tokens)).to.equal(renterWallet + deposited - accrued);
    expect(r1.status).to.deep.equal({ cancelled: {} });
    expect(await balance(p.ctx, vault)).to.equal(accrued);

    // Cancel again: nothing left to settle twice.
    await expectAnchorError(
      p.ctx.rentalEscrow.methods
        .cancelRental()
        .accountsPartial({
          renter: renter.kp.publicKey,
          rental,
          vault,
          renterTokens: renter.tokens,
          paymentMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([renter.kp])
        .rpc(),
      "RentalNotActive",
    );

    // The renter closes: the provider's accrued part is paid (minus fee), the node unlocked.
    const providerWallet = await balance(p.ctx, n.operatorTokens);
    const rentLamports = (await p.ctx.connection.getAccountInfo(rental))!.lamports;
    await p.ctx.rentalEscrow.methods
      .closeRental()
      .accountsPartial({
        closer: renter.kp.publicKey,
        rental,
        renter: renter.kp.publicKey,
        vault,
        providerTokens: n.operatorTokens,
        renterTokens: renter.tokens,
        treasury: e.treasury,
        paymentMint: p.stakeMint,
        node: n.node,
        stakingConfig: p.config,
        rentalAuthority: e.rentalAuthority,
        nodeStakingProgram: p.ctx.nodeStaking.programId,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([renter.kp])
      .rpc();
    expect(await balance(p.ctx, n.operatorTokens)).to.equal(
      providerWallet + (accrued * 9975n) / 10000n,
    );
    expect(await p.ctx.connection.getAccountInfo(rental)).to.equal(null);
    expect(await p.ctx.connection.getAccountInfo(vault)).to.equal(null);
    expect(rentLamports).to.be.greaterThan(0);
    expect((await p.ctx.nodeStaking.account.node.fetch(n.node)).activeRentals).to.equal(0);
  });

  it("close before the end fails; the provider may close only after the dispute window", async () => {
    const n = await rentableNode();
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 60 });
    await builder.rpc();
    const close = (closer: Holder | { kp: typeof n.operator }) =>
      p.ctx.rentalEscrow.methods
        .closeRental()
        .accountsPartial({
          closer: closer.kp.publicKey,
          rental,
          renter: renter.kp.publicKey,
          vault,
          providerTokens: n.operatorTokens,
          renterTokens: renter.tokens,
          treasury: e.treasury,
          paymentMint: p.stakeMint,
          node: n.node,
          stakingConfig: p.config,
          rentalAuthority: e.rentalAuthority,
          nodeStakingProgram: p.ctx.nodeStaking.programId,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([closer.kp]);
    const before = await snapshot(p.ctx, [rental, vault, n.node]);
    await expectAnchorError(close(renter).rpc(), "RentalNotFinished");
    const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    await advanceTo(p.ctx, r.endTs.toNumber());
    await expectAnchorError(close({ kp: n.operator }).rpc(), "RentalNotFinished");
    await expectUnchanged(p.ctx, before);
    await advanceTo(p.ctx, r.endTs.toNumber() + ESCROW_TEST_PARAMS.disputeWindowSeconds + 1);
    await close({ kp: n.operator }).rpc();
    expect(await p.ctx.connection.getAccountInfo(rental)).to.equal(null);
  });

  it("extends at the current price without changing what already accrued", async () => {
    const n = await rentableNode(3_600_000n);
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 600 });
    await builder.rpc();
    const r0 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    await advanceTo(p.ctx, r0.startTs.toNumber() + 10);
    // The token got cheaper: $0.625 per token.
    const cheaper = { ...(await freshPrice(p.ctx)), price: 62_500_000n, conf: 62_500n };
    await setLegacyPrice(p.ctx, e.priceAccount, cheaper);
    const extra = quoteTokens(600n, 3_600_000n, cheaper.price, cheaper.conf, cheaper.expo, 9);
    const fee = feeOf(extra, 25n);
    const extendIx = (maxTokens: bigint) =>
      p.ctx.rentalEscrow.methods
        .extendRental({ extraSeconds: bn(600n), maxTokens: bn(maxTokens) })
        .accountsPartial({
          renter: renter.kp.publicKey,
          rental,
          vault,
          renterTokens: renter.tokens,
          treasury: e.treasury,
          paymentMint: p.stakeMint,
          priceAccount: e.priceAccount,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([renter.kp]);
    const before = await snapshot(p.ctx, [rental, vault, renter.tokens]);
    await expectAnchorError(extendIx(extra + fee - 1n).rpc(), "SlippageExceeded");
    await expectUnchanged(p.ctx, before);
    const accruedBefore = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    await extendIx(extra + fee).rpc();
    const r1 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(big(r1.deposited)).to.equal(big(r0.deposited) + extra);
    expect(r1.endTs.toNumber()).to.equal(r0.endTs.toNumber() + 600);
    expect(big(r1.price)).to.equal(cheaper.price);
    // The stream was re-based at the extension: what accrued before is kept.
    const at = r1.streamStart.toNumber() - r0.startTs.toNumber();
    expect(big(r1.streamBase)).to.equal((big(accruedBefore.deposited) * BigInt(at)) / 600n);
  });

  it("pause blocks new rentals and extensions but not claims or cancels", async () => {
    const n = await rentableNode(3_600_000n);
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const { builder, rental, vault } = createRentalIx(e, n, renter, { durationSeconds: 600 });
    await builder.rpc();
    await p.ctx.rentalEscrow.methods
      .setPaused(true)
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .rpc();
    try {
      const other = createRentalIx(e, n, renter, { durationSeconds: 600 });
      const before = await snapshot(p.ctx, [other.rental, n.node, renter.tokens]);
      await expectAnchorError(other.builder.rpc(), "Paused");
      await expectUnchanged(p.ctx, before);
      const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
      await advanceTo(p.ctx, r.startTs.toNumber() + 10);
      await claimIx(n, rental, vault).rpc();
      await p.ctx.rentalEscrow.methods
        .cancelRental()
        .accountsPartial({
          renter: renter.kp.publicKey,
          rental,
          vault,
          renterTokens: renter.tokens,
          paymentMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([renter.kp])
        .rpc();
    } finally {
      await p.ctx.rentalEscrow.methods
        .setPaused(false)
        .accountsPartial({ admin: p.ctx.payer.publicKey })
        .rpc();
    }
  });

  it("rents a cluster atomically: 3 nodes with one Jailed (or one Pending) fail whole", async () => {
    const a = await rentableNode();
    const b = await rentableNode();
    const jailed = await rentableNode();
    // A data-leak slash jails the node (node_staking's rule).
    const ev = Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256)));
    await p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev),
        reason: { dataLeak: {} } as never,
        fractionBps: 100,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: jailed.node,
        slashRecord: pda.slash(p.ctx, jailed.node, ev),
        vault: jailed.vault,
        treasury: p.treasury,
        renterTokens: null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    expect((await p.ctx.nodeStaking.account.node.fetch(jailed.node)).status).to.deep.equal({
      jailed: {},
    });
    const pending = await registerNode(p, tierId);
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const cluster = BigInt(Date.now());

    for (const bad of [jailed, pending]) {
      const legs = [a, b, bad].map((n) =>
        createRentalIx(e, n, renter, { durationSeconds: 600, clusterId: cluster }),
      );
      const before = await snapshot(p.ctx, [
        ...legs.map((l) => l.rental),
        a.node,
        b.node,
        bad.node,
        renter.tokens,
        e.treasury,
      ]);
      const tx = new Transaction();
      for (const leg of legs) tx.add(await leg.builder.instruction());
      await expectAnchorError(p.ctx.provider.sendAndConfirm(tx, [renter.kp]), "NodeNotRentable");
      await expectUnchanged(p.ctx, before);
    }

    const c = await rentableNode();
    const legs = [a, b, c].map((n) =>
      createRentalIx(e, n, renter, { durationSeconds: 600, clusterId: cluster }),
    );
    const tx = new Transaction();
    for (const leg of legs) tx.add(await leg.builder.instruction());
    await p.ctx.provider.sendAndConfirm(tx, [renter.kp]);
    for (const [i, leg] of legs.entries()) {
      const r = await p.ctx.rentalEscrow.account.rental.fetch(leg.rental);
      expect(big(r.clusterId)).to.equal(cluster);
      expect(r.node.equals([a, b, c][i].node)).to.equal(true);
      expect(escrowPda.vault(p.ctx, leg.rental).equals(leg.vault)).to.equal(true);
      await expectVaultConserved(leg.rental, leg.vault);
    }
  });
});
