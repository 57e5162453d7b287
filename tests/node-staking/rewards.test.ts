// Availability rewards: the on-chain uptime rule, the split between operator
// commission and the delegators' accumulator (to the base unit), jailing after
// consecutive low epochs, one credit per epoch, and no flash-stake capture.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, Transaction } from "@solana/web3.js";
import { expect } from "chai";

import { eventsNamed, parseEvents } from "../../app/src";
import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { lastTransaction } from "../helpers/context";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  createTier,
  currentEpoch,
  nextCreditableEpoch,
  delegateIx,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  pda,
  payoutAccounts,
  Protocol,
  refreshIx,
  registerNode,
  TEST_PARAMS,
  tokens,
  updateTierIx,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: availability rewards", () => {
  let p: Protocol;
  let tierId: number;
  let source: PublicKey;

  before(async () => {
    p = await ensureProtocol();
    tierId = await createTier(p, { maxNodeStake: tokens(10_000), maxDelegatedBps: 5000 });
    source = await fundTokenAccount(p.ctx, p.stakeMint, p.ctx.payer.publicKey, tokens(1_000_000));
  });

  const fetchNode = (n: NodeHandle) => p.ctx.nodeStaking.account.node.fetch(n.node);
  const credit = (n: NodeHandle, epoch: number, uptimeBps: number, amount: bigint) =>
    p.ctx.nodeStaking.methods
      .creditRewards({ epoch: bn(epoch), uptimeBps, amount: bn(amount) })
      .accountsPartial({
        rewardAuthority: p.ctx.payer.publicKey,
        node: n.node,
        vault: n.vault,
        source,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      });
  const claim = (n: NodeHandle, h: Holder) =>
    p.ctx.nodeStaking.methods
      .claimRewards()
      .accountsPartial(payoutAccounts(p, n, h))
      .signers([h.kp]);
  const claimOperator = (n: NodeHandle) =>
    p.ctx.nodeStaking.methods
      .claimOperatorRewards()
      .accountsPartial({
        operator: n.operator.publicKey,
        node: n.node,
        vault: n.vault,
        destination: n.operatorTokens,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator]);

  it("splits a credit: delegators' stake share minus commission by shares, the rest to the operator", async () => {
    const n = await registerNode(p, tierId, { commissionBps: 1000, stake: tokens(500) });
    const a = await holder(p);
    const b = await holder(p);
    await delegateIx(p, n, a, tokens(150)).rpc();
    await delegateIx(p, n, b, tokens(100)).rpc();
    const epoch = await currentEpoch(p);
    const vaultBefore = await balance(p.ctx, n.vault);
    await credit(n, epoch, 9500, tokens(30)).rpc();
    // 30 × 250/750 = 10 to delegators gross; 10 % commission = 1; 9 by shares.
    const node = await fetchNode(n);
    expect(big(node.rewardReserve)).to.equal(tokens(30));
    expect(big(node.operatorRewards)).to.equal(tokens(21));
    expect(big(node.rewardedUntil)).to.equal(BigInt((epoch + 1) * TEST_PARAMS.epochSeconds));
    expect(await balance(p.ctx, n.vault)).to.equal(vaultBefore + tokens(30));

    const aWallet = await balance(p.ctx, a.tokens);
    await claim(n, a).rpc();
    expect(await balance(p.ctx, a.tokens)).to.equal(aWallet + tokens(5.4));
    const bWallet = await balance(p.ctx, b.tokens);
    await claim(n, b).rpc();
    expect(await balance(p.ctx, b.tokens)).to.equal(bWallet + tokens(3.6));
    const opWallet = await balance(p.ctx, n.operatorTokens);
    await claimOperator(n).rpc();
    expect(await balance(p.ctx, n.operatorTokens)).to.equal(opWallet + tokens(21));
    expect(big((await fetchNode(n)).rewardReserve)).to.equal(0n);

    const before = await snapshot(p.ctx, [n.node, n.vault, a.tokens]);
    await expectAnchorError(claim(n, a).rpc(), "NothingToClaim");
    await expectAnchorError(claimOperator(n).rpc(), "NothingToClaim");
    await expectUnchanged(p.ctx, before);
  });

  it("refuses a second credit for the same epoch, a future epoch, bad uptime and a stranger", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(100) });
    const epoch = await currentEpoch(p);
    await credit(n, epoch, 10_000, tokens(1)).rpc();
    const before = await snapshot(p.ctx, [n.node, n.vault, source]);
    await expectAnchorError(credit(n, epoch, 10_000, tokens(1)).rpc(), "RewardAlreadyCredited");
    await expectAnchorError(credit(n, epoch - 1, 10_000, tokens(1)).rpc(), "RewardAlreadyCredited");
    await expectAnchorError(credit(n, epoch + 5, 10_000, tokens(1)).rpc(), "RewardEpochInFuture");
    await expectAnchorError(credit(n, epoch, 10_001, tokens(1)).rpc(), "InvalidUptime");
    const stranger = await holder(p);
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .creditRewards({ epoch: bn(epoch + 1), uptimeBps: 10_000, amount: bn(tokens(1)) })
        .accountsPartial({
          rewardAuthority: stranger.kp.publicKey,
          node: n.node,
          vault: n.vault,
          source: stranger.tokens,
          stakeMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([stranger.kp])
        .rpc(),
      "Unauthorized",
    );
    await expectUnchanged(p.ctx, before);
    const pending = await registerNode(p, tierId);
    // Re-read the epoch: on the validator it may have rolled over meanwhile.
    await expectAnchorError(
      credit(pending, await currentEpoch(p), 10_000, tokens(1)).rpc(),
      "NodeNotActive",
    );
  });

  it("F-3: a credit that makes a node Active again and jails it reports one status change (Pending -> Jailed)", async () => {
    // Found by the fuzzer: with a lowered minimum the credit's status refresh
    // (Pending -> Active) and the jail of a third low epoch (Active ->
    // Jailed) each emitted an event; the net change is reported once, as a
    // slash that jails does.
    const tier = await createTier(p, { maxNodeStake: tokens(10_000) });
    const setTierMinimum = (v: bigint) =>
      updateTierIx(p, pda.tier(p.ctx, tier), { minProviderStake: v }).rpc();
    const n = await registerNode(p, tier, { stake: tokens(100) });
    let epoch = await currentEpoch(p);
    for (let i = 0; i < TEST_PARAMS.maxLowEpochs - 1; i++) {
      await credit(n, epoch, 100, 0n).rpc();
      epoch = await nextCreditableEpoch(p, n);
    }
    await setTierMinimum(tokens(200));
    await refreshIx(p, n).rpc();
    expect((await fetchNode(n)).status).to.deep.equal({ pending: {} });
    await setTierMinimum(0n); // rentable again; the node is still stored Pending
    await credit(n, epoch, 100, 0n).rpc();
    const programs = { nodeStaking: p.ctx.nodeStaking, rentalEscrow: p.ctx.rentalEscrow };
    const events = parseEvents(programs as never, (await lastTransaction(p.ctx)).logs);
    expect(
      eventsNamed(events, "nodeStaking", "nodeStatusChanged").map((e) => [e.old, e.new]),
    ).to.deep.equal([[{ pending: {} }, { jailed: {} }]]);
    const node = await fetchNode(n);
    expect(node.status).to.deep.equal({ jailed: {} });
    expect(node.consecutiveLowEpochs).to.equal(TEST_PARAMS.maxLowEpochs);
  });

  it("low uptime earns nothing; three low epochs in a row jail the node; a good one resets the count", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(100) });
    let epoch = await currentEpoch(p);
    const vault = await balance(p.ctx, n.vault);
    await credit(n, epoch, 8999, tokens(5)).rpc();
    let node = await fetchNode(n);
    expect(node.consecutiveLowEpochs).to.equal(1);
    expect(big(node.rewardReserve)).to.equal(0n);
    expect(await balance(p.ctx, n.vault)).to.equal(vault);

    // Each credit below is for the epoch right after the last one credited
    // (on a validator a credit may land in the next epoch: none is skipped).
    epoch = await nextCreditableEpoch(p, n);
    await credit(n, epoch, 9000, tokens(1)).rpc(); // exactly the minimum earns
    node = await fetchNode(n);
    expect(node.consecutiveLowEpochs).to.equal(0);
    expect(big(node.operatorRewards)).to.equal(tokens(1));

    for (let i = 0; i < 3; i++) {
      epoch = await nextCreditableEpoch(p, n);
      await credit(n, epoch, 100, 0n).rpc();
    }
    node = await fetchNode(n);
    expect(node.consecutiveLowEpochs).to.equal(3);
    expect(node.status).to.deep.equal({ jailed: {} });

    // Jailed: no rewards, no new delegations, no rentals.
    epoch = await nextCreditableEpoch(p, n);
    await expectAnchorError(credit(n, epoch, 10_000, tokens(1)).rpc(), "NodeJailed");
    const h = await holder(p);
    await expectAnchorError(delegateIx(p, n, h, tokens(10)).rpc(), "NodeJailed");
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .lockNode()
        .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
        .signers([p.rentalAuthority])
        .rpc(),
      "NodeJailed",
    );

    // Only the admin unjails.
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .unjailNode()
        .accountsPartial({ admin: h.kp.publicKey, node: n.node })
        .signers([h.kp])
        .rpc(),
      "Unauthorized",
    );
    await p.ctx.nodeStaking.methods
      .unjailNode()
      .accountsPartial({ admin: p.ctx.payer.publicKey, node: n.node })
      .rpc();
    node = await fetchNode(n);
    expect(node.status).to.deep.equal({ active: {} });
    expect(node.consecutiveLowEpochs).to.equal(0);
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .unjailNode()
        .accountsPartial({ admin: p.ctx.payer.publicKey, node: n.node })
        .rpc(),
      "NodeNotJailed",
    );
  });

  it("staking and claiming in the same transaction earns nothing (no flash-stake capture)", async () => {
    const n = await registerNode(p, tierId, { commissionBps: 0, stake: tokens(500) });
    const early = await holder(p);
    await delegateIx(p, n, early, tokens(100)).rpc();
    const epoch = await currentEpoch(p);
    await credit(n, epoch, 10_000, tokens(60)).rpc();

    // A newcomer delegates and claims atomically: the claim finds nothing.
    const flash = await holder(p);
    const tx = new Transaction().add(
      await delegateIx(p, n, flash, tokens(400)).instruction(),
      await claim(n, flash).instruction(),
    );
    const delegation = pda.delegation(p.ctx, n.node, flash.kp.publicKey);
    const before = await snapshot(p.ctx, [n.node, n.vault, flash.tokens, delegation]);
    await expectAnchorError(p.ctx.provider.sendAndConfirm(tx, [flash.kp]), "NothingToClaim");
    await expectUnchanged(p.ctx, before);

    // Delegating now and undelegating in one transaction leaves no rewards either.
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        await delegateIx(p, n, flash, tokens(400)).instruction(),
        await p.ctx.nodeStaking.methods
          .undelegate(bn(tokens(400)))
          .accountsPartial({
            signer: flash.kp.publicKey,
            delegator: flash.kp.publicKey,
            node: n.node,
          })
          .instruction(),
      ),
      [flash.kp],
    );
    const d = await p.ctx.nodeStaking.account.delegation.fetch(delegation);
    expect(big(d.pendingRewards)).to.equal(0n);

    // The early delegator got its share of the earlier credit: 60 × 100/600 = 10.
    const wallet = await balance(p.ctx, early.tokens);
    await claim(n, early).rpc();
    expect(await balance(p.ctx, early.tokens)).to.equal(wallet + tokens(10));
  });

  it("a commission change applies only after one unbonding period", async () => {
    const n = await registerNode(p, tierId, { commissionBps: 0, stake: tokens(100) });
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(100)).rpc();
    await p.ctx.nodeStaking.methods
      .setCommission(5000)
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    const effectiveAt = (await fetchNode(n)).commissionEffectiveAt.toNumber();
    // Before the change takes effect: 0 % commission, delegators get half of 10.
    let epoch = await currentEpoch(p);
    expect(await chainTime(p.ctx)).to.be.lessThan(effectiveAt);
    await credit(n, epoch, 10_000, tokens(10)).rpc();
    expect(big((await fetchNode(n)).operatorRewards)).to.equal(tokens(5));
    // After: 50 % of the delegators' 5 goes to the operator, from the first
    // epoch that starts once the change is effective.
    const creditedUntil = (await fetchNode(n)).rewardedUntil.toNumber();
    epoch = Math.ceil(Math.max(effectiveAt, creditedUntil) / TEST_PARAMS.epochSeconds);
    await advanceTo(p.ctx, epoch * TEST_PARAMS.epochSeconds);
    await credit(n, epoch, 10_000, tokens(10)).rpc();
    const node = await fetchNode(n);
    expect(node.commissionBps).to.equal(5000);
    expect(big(node.operatorRewards)).to.equal(tokens(5) + tokens(7.5));
  });
});
