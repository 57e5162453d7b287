// Delegation: share-based pools, the tier cap and delegated-share limit,
// undelegation through unbonding, and the first-depositor / flash-stake guards.
import { TOKEN_PROGRAM_ID, createTransferCheckedInstruction } from "@solana/spl-token";
import { Transaction } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  createTier,
  delegateIx,
  DECIMALS,
  ensureProtocol,
  exactClock,
  holder,
  NodeHandle,
  pda,
  payoutAccounts,
  Protocol,
  registerNode,
  stakeIx,
  tokens,
} from "../helpers/staking";
import { balance } from "../helpers/tokens";

describe("node_staking: delegation", () => {
  let p: Protocol;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    // Cap 1 000 tokens, delegated share up to 50 %.
    tierId = await createTier(p, { maxNodeStake: tokens(1000), maxDelegatedBps: 5000 });
  });

  async function activeNode(stake = tokens(500)): Promise<NodeHandle> {
    const n = await registerNode(p, tierId, { stake: stake });
    return n;
  }

  const fetchNode = (n: NodeHandle) => p.ctx.nodeStaking.account.node.fetch(n.node);
  const fetchDelegation = (
    n: NodeHandle,
    h: { kp: { publicKey: import("@solana/web3.js").PublicKey } },
  ) => p.ctx.nodeStaking.account.delegation.fetch(pda.delegation(p.ctx, n.node, h.kp.publicKey));

  it("mints shares 1:1 into an empty pool and records the delegation", async () => {
    const n = await activeNode();
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(200)).rpc();
    const node = await fetchNode(n);
    expect(big(node.poolTokens)).to.equal(tokens(200));
    expect(big(node.poolShares)).to.equal(tokens(200));
    const d = await fetchDelegation(n, h);
    expect(d.node.toBase58()).to.equal(n.node.toBase58());
    expect(d.delegator.toBase58()).to.equal(h.kp.publicKey.toBase58());
    expect(big(d.shares)).to.equal(tokens(200));
    expect(big(d.pendingRewards)).to.equal(0n);
    expect(await balance(p.ctx, n.vault)).to.equal(tokens(700));
    expect(await balance(p.ctx, h.tokens)).to.equal(tokens(10_000) - tokens(200));
  });

  it("the delegated share limit: exactly 50 % passes, one base unit more fails", async () => {
    const n = await activeNode(tokens(300));
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(300)).rpc();
    const before = await snapshot(p.ctx, [n.node, n.vault, h.tokens]);
    await expectAnchorError(delegateIx(p, n, h, tokens(1)).rpc(), "DelegationShareExceeded");
    await expectUnchanged(p.ctx, before);
  });

  it("the tier cap counts delegated stake: reaching it exactly passes, +1 fails", async () => {
    const n = await activeNode(tokens(500));
    const a = await holder(p);
    const b = await holder(p);
    await delegateIx(p, n, a, tokens(300)).rpc();
    await delegateIx(p, n, b, tokens(200)).rpc();
    expect(big((await fetchNode(n)).poolTokens)).to.equal(tokens(500));
    const before = await snapshot(p.ctx, [n.node, n.vault, b.tokens]);
    await expectAnchorError(delegateIx(p, n, b, tokens(1)).rpc(), "NodeCapExceeded");
    await expectAnchorError(stakeIx(p, n, 1n).rpc(), "NodeCapExceeded");
    await expectUnchanged(p.ctx, before);
  });

  it("rejects self-delegation, a pending node, dust, zero and a paused protocol", async () => {
    const n = await activeNode();
    const operatorAsHolder = { kp: n.operator, tokens: n.operatorTokens };
    const before = await snapshot(p.ctx, [n.node, n.vault, n.operatorTokens]);
    await expectAnchorError(delegateIx(p, n, operatorAsHolder, tokens(10)).rpc(), "SelfDelegation");
    await expectUnchanged(p.ctx, before);

    const pending = await registerNode(p, tierId);
    const h = await holder(p);
    await expectAnchorError(delegateIx(p, pending, h, tokens(10)).rpc(), "NodeNotActive");
    await expectAnchorError(delegateIx(p, n, h, tokens(1) - 1n).rpc(), "BelowMinimumDelegation");
    await expectAnchorError(delegateIx(p, n, h, 0n).rpc(), "ZeroAmount");

    await p.ctx.nodeStaking.methods
      .setPaused(true)
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .rpc();
    try {
      const snap = await snapshot(p.ctx, [n.node, n.vault, h.tokens]);
      await expectAnchorError(delegateIx(p, n, h, tokens(10)).rpc(), "Paused");
      await expectUnchanged(p.ctx, snap);
    } finally {
      await p.ctx.nodeStaking.methods
        .setPaused(false)
        .accountsPartial({ admin: p.ctx.payer.publicKey })
        .rpc();
    }
  });

  it("a donation to the vault does not move the share price (no first-depositor inflation)", async () => {
    const n = await activeNode();
    const first = await holder(p);
    await delegateIx(p, n, first, tokens(1)).rpc();
    // The first delegator sends 100 tokens straight to the vault.
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        createTransferCheckedInstruction(
          first.tokens,
          p.stakeMint,
          n.vault,
          first.kp.publicKey,
          tokens(100),
          DECIMALS,
          [],
          TOKEN_PROGRAM_ID,
        ),
      ),
      [first.kp],
    );
    const second = await holder(p);
    await delegateIx(p, n, second, tokens(2)).rpc();
    expect(big((await fetchDelegation(n, second)).shares)).to.equal(tokens(2));
    const node = await fetchNode(n);
    expect(big(node.poolTokens)).to.equal(tokens(3));
    expect(big(node.poolShares)).to.equal(tokens(3));
  });

  it("undelegates into unbonding and pays out at the deadline, not before", async () => {
    const n = await activeNode();
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(100)).rpc();
    const undelegate = (shares: bigint) =>
      p.ctx.nodeStaking.methods
        .undelegate(bn(shares))
        .accountsPartial({ signer: h.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
        .signers([h.kp])
        .rpc();
    await expectAnchorError(undelegate(tokens(100) + 1n), "InsufficientShares");
    await undelegate(tokens(40));
    let node = await fetchNode(n);
    expect(big(node.poolTokens)).to.equal(tokens(60));
    expect(big(node.unbondingTokens)).to.equal(tokens(40));
    let d = await fetchDelegation(n, h);
    expect(big(d.shares)).to.equal(tokens(60));
    expect(big(d.unbondingShares)).to.equal(tokens(40));
    const readyAt = d.unbondingReadyAt.toNumber();

    const withdraw = () =>
      p.ctx.nodeStaking.methods
        .withdrawUndelegated()
        .accountsPartial(payoutAccounts(p, n, h))
        .signers([h.kp])
        .rpc();
    if (exactClock(p.ctx)) await advanceTo(p.ctx, readyAt - 1);
    expect(await chainTime(p.ctx)).to.be.lessThan(readyAt);
    const before = await snapshot(p.ctx, [n.node, n.vault, h.tokens]);
    await expectAnchorError(withdraw(), "UnbondingNotElapsed");
    await expectUnchanged(p.ctx, before);

    await advanceTo(p.ctx, readyAt);
    const wallet = await balance(p.ctx, h.tokens);
    await withdraw();
    expect(await balance(p.ctx, h.tokens)).to.equal(wallet + tokens(40));
    node = await fetchNode(n);
    expect(big(node.unbondingTokens)).to.equal(0n);
    expect(big(node.unbondingShares)).to.equal(0n);
    d = await fetchDelegation(n, h);
    expect(big(d.unbondingShares)).to.equal(0n);
    await expectAnchorError(withdraw(), "NothingToWithdraw");
  });

  it("another holder cannot undelegate or withdraw someone else's delegation", async () => {
    const n = await activeNode();
    const owner = await holder(p);
    const thief = await holder(p);
    await delegateIx(p, n, owner, tokens(50)).rpc();
    const ownerDelegation = pda.delegation(p.ctx, n.node, owner.kp.publicKey);
    const before = await snapshot(p.ctx, [n.node, n.vault, ownerDelegation, thief.tokens]);
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .undelegate(bn(tokens(50)))
        .accountsPartial({
          signer: thief.kp.publicKey,
          delegator: thief.kp.publicKey,
          node: n.node,
          delegation: ownerDelegation,
        })
        .signers([thief.kp])
        .rpc(),
      "DelegationMismatch",
    );
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .claimRewards()
        .accountsPartial({ ...payoutAccounts(p, n, thief), delegation: ownerDelegation })
        .signers([thief.kp])
        .rpc(),
      "DelegationMismatch",
    );
    await expectUnchanged(p.ctx, before);
  });
});
