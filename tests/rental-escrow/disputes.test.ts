// Disputes: opened by the renter within the window, freezing provider claims;
// resolved by the dispute authority with a refund and, optionally, a slash of
// the node through node_staking (CPI with the escrow's PDA), part of it to
// the renter.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import { createHash } from "crypto";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  createRentalIx,
  ensureEscrow,
  Escrow,
  ESCROW_TEST_PARAMS,
  freshPrice,
  setLegacyPrice,
} from "../helpers/escrow";
import {
  advanceTo,
  big,
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

describe("rental_escrow: disputes", () => {
  let p: Protocol;
  let e: Escrow;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    e = await ensureEscrow(p);
    tierId = await createTier(p, { maxNodeStake: tokens(100_000) });
  });

  async function rented(durationSeconds = 1000) {
    const n = await registerNode(p, tierId, { priceMicroUsd: 3_600_000n });
    await stakeIx(p, n, tokens(1000)).rpc();
    const renter = await holder(p);
    await setLegacyPrice(p.ctx, e.priceAccount, await freshPrice(p.ctx));
    const leg = createRentalIx(e, n, renter, { durationSeconds });
    await leg.builder.rpc();
    return { n, renter, rental: leg.rental, vault: leg.vault };
  }

  const openDispute = (renter: Holder, rental: PublicKey) =>
    p.ctx.rentalEscrow.methods
      .openDispute()
      .accountsPartial({ renter: renter.kp.publicKey, rental })
      .signers([renter.kp]);

  function resolve(
    n: NodeHandle,
    renter: Holder,
    rental: PublicKey,
    vault: PublicKey,
    refundBps: number,
    slash?: {
      evidence: Buffer;
      fractionBps: number;
      renterShareBps: number;
      omitAccounts?: boolean;
    },
  ) {
    return p.ctx.rentalEscrow.methods
      .resolveDispute({
        refundBps,
        slash: slash
          ? {
              evidenceHash: Array.from(slash.evidence),
              reason: { qosFailure: {} } as never,
              fractionBps: slash.fractionBps,
              renterShareBps: slash.renterShareBps,
            }
          : null,
      })
      .accountsPartial({
        disputeAuthority: p.ctx.payer.publicKey,
        rental,
        vault,
        providerTokens: n.operatorTokens,
        renterTokens: renter.tokens,
        treasury: e.treasury,
        paymentMint: p.stakeMint,
        node: n.node,
        stakingConfig: p.config,
        rentalAuthority: e.rentalAuthority,
        slashRecord: slash && !slash.omitAccounts ? pda.slash(p.ctx, n.node, slash.evidence) : null,
        nodeVault: slash && !slash.omitAccounts ? n.vault : null,
        stakingTreasury: slash && !slash.omitAccounts ? p.treasury : null,
        nodeStakingProgram: p.ctx.nodeStaking.programId,
        tokenProgram: TOKEN_PROGRAM_ID,
      });
  }

  it("freezes claims, then resolves with a refund and a slash sent partly to the renter", async () => {
    const { n, renter, rental, vault } = await rented();
    const r0 = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    await advanceTo(p.ctx, r0.startTs.toNumber() + 10);
    await openDispute(renter, rental).rpc();
    let r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(r.status).to.deep.equal({ disputed: {} });

    const claim = p.ctx.rentalEscrow.methods
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
    const before = await snapshot(p.ctx, [rental, vault, n.operatorTokens]);
    await expectAnchorError(claim.rpc(), "RentalDisputed");
    await expectUnchanged(p.ctx, before);

    const evidence = createHash("sha256").update(`dispute-${Date.now()}-${Math.random()}`).digest();
    const renterBefore = await balance(p.ctx, renter.tokens);
    const providerBefore = await balance(p.ctx, n.operatorTokens);
    const stakeBefore = big((await p.ctx.nodeStaking.account.node.fetch(n.node)).providerStake);
    await resolve(n, renter, rental, vault, 5000, {
      evidence,
      fractionBps: 1000,
      renterShareBps: 5000,
    }).rpc();

    r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    expect(r.status).to.deep.equal({ resolved: {} });
    const deposited = big(r.deposited);
    // Everything is settled: the provider got its half of the accrued part, the renter the rest.
    expect(big(r.claimed) + big(r.refunded)).to.equal(deposited);
    expect(await balance(p.ctx, vault)).to.equal(0n);
    const providerGot = (await balance(p.ctx, n.operatorTokens)) - providerBefore;
    expect(providerGot).to.equal((big(r.claimed) * 9975n) / 10000n);
    // 10 % of 1 000 staked tokens slashed, half of it to the renter.
    const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
    expect(stakeBefore - big(node.providerStake)).to.equal(tokens(100));
    expect((await balance(p.ctx, renter.tokens)) - renterBefore).to.equal(
      big(r.refunded) + tokens(50),
    );
    const record = await p.ctx.nodeStaking.account.slashRecord.fetch(
      pda.slash(p.ctx, n.node, evidence),
    );
    expect(record.authority.toBase58()).to.equal(e.rentalAuthority.toBase58());

    // Resolved: a second resolution is refused.
    await expectAnchorError(resolve(n, renter, rental, vault, 0).rpc(), "NotDisputed");
  });

  it("a dispute after the window is refused; only the renter opens, only the authority resolves", async () => {
    const { n, renter, rental, vault } = await rented(60);
    const stranger = await holder(p);
    const before = await snapshot(p.ctx, [rental, vault]);
    await expectAnchorError(
      p.ctx.rentalEscrow.methods
        .openDispute()
        .accountsPartial({ renter: stranger.kp.publicKey, rental })
        .signers([stranger.kp])
        .rpc(),
      "NotRenter",
    );
    await expectAnchorError(resolve(n, renter, rental, vault, 0).rpc(), "NotDisputed");
    await expectUnchanged(p.ctx, before);

    const r = await p.ctx.rentalEscrow.account.rental.fetch(rental);
    const windowEnd = r.endTs.toNumber() + ESCROW_TEST_PARAMS.disputeWindowSeconds;
    if (exactClock(p.ctx)) {
      await advanceTo(p.ctx, windowEnd);
      await openDispute(renter, rental).rpc(); // the last second of the window
      await expectAnchorError(
        p.ctx.rentalEscrow.methods
          .resolveDispute({ refundBps: 0, slash: null })
          .accountsPartial({
            disputeAuthority: stranger.kp.publicKey,
            rental,
            vault,
            providerTokens: n.operatorTokens,
            renterTokens: renter.tokens,
            treasury: e.treasury,
            paymentMint: p.stakeMint,
            node: n.node,
            stakingConfig: p.config,
            rentalAuthority: e.rentalAuthority,
            slashRecord: null,
            nodeVault: null,
            stakingTreasury: null,
            nodeStakingProgram: p.ctx.nodeStaking.programId,
            tokenProgram: TOKEN_PROGRAM_ID,
          })
          .signers([stranger.kp])
          .rpc(),
        "NotDisputeAuthority",
      );
      await expectAnchorError(resolve(n, renter, rental, vault, 10_001).rpc(), "InvalidRefund");
      await expectAnchorError(
        resolve(n, renter, rental, vault, 0, {
          evidence: Buffer.alloc(32, 1),
          fractionBps: 100,
          renterShareBps: 0,
          omitAccounts: true,
        }).rpc(),
        "SlashAccountsMissing",
      );
      await resolve(n, renter, rental, vault, 10_000).rpc();
    } else {
      await advanceTo(p.ctx, windowEnd + 1);
      await expectAnchorError(openDispute(renter, rental).rpc(), "DisputeWindowClosed");
      return;
    }
    const late = await rented(60);
    const lr = await p.ctx.rentalEscrow.account.rental.fetch(late.rental);
    await advanceTo(p.ctx, lr.endTs.toNumber() + ESCROW_TEST_PARAMS.disputeWindowSeconds + 1);
    const snap = await snapshot(p.ctx, [late.rental]);
    await expectAnchorError(openDispute(late.renter, late.rental).rpc(), "DisputeWindowClosed");
    await expectUnchanged(p.ctx, snap);
  });
});
