// Closing empty accounts so no rent is stranded: close_delegation returns a
// delegation's rent once it holds no shares, unbonding or rewards;
// close_node returns the node's and the vault's rent once the node owes
// nothing, sweeping untracked vault dust to the treasury.
import { createTransferCheckedInstruction, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { createHash } from "crypto";
import { Keypair, PublicKey, Transaction } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  advanceTo,
  big,
  bn,
  createTier,
  currentEpoch,
  DECIMALS,
  delegateIx,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  pda,
  payoutAccounts,
  Protocol,
  region,
  registerNode,
  tokens,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: closing empty delegations and nodes", () => {
  let p: Protocol;
  let tierId: number;
  let source: PublicKey;

  before(async () => {
    p = await ensureProtocol();
    tierId = await createTier(p, { maxNodeStake: tokens(10_000), maxDelegatedBps: 5000 });
    source = await fundTokenAccount(p.ctx, p.stakeMint, p.ctx.payer.publicKey, tokens(1_000));
  });

  const lamports = async (key: PublicKey) => await p.ctx.connection.getBalance(key, "confirmed");
  const rentOf = async (key: PublicKey) => (await p.ctx.connection.getAccountInfo(key))!.lamports;

  const closeDelegation = (n: NodeHandle, h: Holder, delegation?: PublicKey) =>
    p.ctx.nodeStaking.methods
      .closeDelegation()
      .accountsPartial({
        delegator: h.kp.publicKey,
        node: n.node,
        delegation: delegation ?? pda.delegation(p.ctx, n.node, h.kp.publicKey),
      })
      .signers([h.kp]);

  const closeNode = (n: NodeHandle, opts: { signer?: Keypair; treasury?: PublicKey } = {}) =>
    p.ctx.nodeStaking.methods
      .closeNode()
      .accountsPartial({
        operator: (opts.signer ?? n.operator).publicKey,
        node: n.node,
        vault: n.vault,
        treasury: opts.treasury ?? p.treasury,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([opts.signer ?? n.operator]);

  const requestUnstake = (n: NodeHandle, amount: bigint) =>
    p.ctx.nodeStaking.methods
      .requestUnstake(bn(amount))
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();

  const withdrawUnstaked = (n: NodeHandle) =>
    p.ctx.nodeStaking.methods
      .withdrawUnstaked()
      .accountsPartial({
        operator: n.operator.publicKey,
        node: n.node,
        vault: n.vault,
        destination: n.operatorTokens,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator])
      .rpc();

  /** Unstakes everything and waits out the unbonding period. */
  async function drainProvider(n: NodeHandle): Promise<void> {
    const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
    await requestUnstake(n, big(node.providerStake));
    const ready = (await p.ctx.nodeStaking.account.node.fetch(n.node)).providerUnbondingReadyAt;
    await advanceTo(p.ctx, ready.toNumber());
    await withdrawUnstaked(n);
  }

  it("a delegation closes only when empty: shares, then unbonding, then rewards block it", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(500) });
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(100)).rpc();
    const delegation = pda.delegation(p.ctx, n.node, h.kp.publicKey);

    // Active shares.
    let before = await snapshot(p.ctx, [delegation, n.node, h.kp.publicKey]);
    await expectAnchorError(closeDelegation(n, h).rpc(), "DelegationNotEmpty");
    await expectUnchanged(p.ctx, before);

    // Rewards for this epoch, then all shares into unbonding.
    await p.ctx.nodeStaking.methods
      .creditRewards({ epoch: bn(await currentEpoch(p)), uptimeBps: 10_000, amount: bn(tokens(6)) })
      .accountsPartial({
        rewardAuthority: p.ctx.payer.publicKey,
        node: n.node,
        vault: n.vault,
        source,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    const shares = big((await p.ctx.nodeStaking.account.delegation.fetch(delegation)).shares);
    await p.ctx.nodeStaking.methods
      .undelegate(bn(shares))
      .accountsPartial({ signer: h.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
      .signers([h.kp])
      .rpc();
    before = await snapshot(p.ctx, [delegation, n.node, h.kp.publicKey]);
    await expectAnchorError(closeDelegation(n, h).rpc(), "DelegationNotEmpty");
    await expectUnchanged(p.ctx, before);

    // Unbonding withdrawn; the rewards are still unclaimed.
    const d = await p.ctx.nodeStaking.account.delegation.fetch(delegation);
    await advanceTo(p.ctx, d.unbondingReadyAt.toNumber());
    const payout = (ix: "withdrawUndelegated" | "claimRewards") =>
      p.ctx.nodeStaking.methods[ix]()
        .accountsPartial(payoutAccounts(p, n, h))
        .signers([h.kp])
        .rpc();
    await payout("withdrawUndelegated");
    const settled = await p.ctx.nodeStaking.account.delegation.fetch(delegation);
    expect(big(settled.pendingRewards) > 0n, "rewards settled on undelegate").to.equal(true);
    before = await snapshot(p.ctx, [delegation, n.node, h.kp.publicKey]);
    await expectAnchorError(closeDelegation(n, h).rpc(), "DelegationNotEmpty");
    await expectUnchanged(p.ctx, before);

    // Claimed: now it closes and the delegator gets the rent back, exactly
    // (the provider wallet pays the fees).
    await payout("claimRewards");
    const rent = await rentOf(delegation);
    const walletBefore = await lamports(h.kp.publicKey);
    await closeDelegation(n, h).rpc();
    expect(await p.ctx.connection.getAccountInfo(delegation, "confirmed")).to.equal(null);
    expect(await lamports(h.kp.publicKey)).to.equal(walletBefore + rent);
    await expectAnchorError(closeDelegation(n, h).rpc(), "AccountNotInitialized");

    // The same holder can delegate again: a fresh delegation, no stale debt.
    await delegateIx(p, n, h, tokens(10)).rpc();
    const again = await p.ctx.nodeStaking.account.delegation.fetch(delegation);
    expect(big(again.shares) > 0n).to.equal(true);
    expect(big(again.pendingRewards)).to.equal(0n);
  });

  it("nobody closes someone else's delegation", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(500) });
    const owner = await holder(p);
    const thief = await holder(p);
    await delegateIx(p, n, owner, tokens(10)).rpc();
    const ownerDelegation = pda.delegation(p.ctx, n.node, owner.kp.publicKey);
    const before = await snapshot(p.ctx, [ownerDelegation, thief.kp.publicKey]);
    await expectAnchorError(closeDelegation(n, thief, ownerDelegation).rpc(), "DelegationMismatch");
    await expectUnchanged(p.ctx, before);
  });

  it("a node closes only when it owes nothing; dust goes to the treasury, rent to the operator", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(200) });
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(50)).rpc();
    const watched = [n.node, n.vault, p.treasury, n.operator.publicKey];

    // Provider stake and a delegation.
    let before = await snapshot(p.ctx, watched);
    await expectAnchorError(closeNode(n).rpc(), "NodeNotEmpty");
    await expectUnchanged(p.ctx, before);

    // The delegation leaves (unbonding, then withdrawn); the provider unbonds.
    await p.ctx.nodeStaking.methods
      .undelegate(bn(tokens(50)))
      .accountsPartial({ signer: h.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
      .signers([h.kp])
      .rpc();
    await requestUnstake(n, tokens(200));
    before = await snapshot(p.ctx, watched);
    await expectAnchorError(closeNode(n).rpc(), "NodeNotEmpty"); // unbonding is still owed
    await expectUnchanged(p.ctx, before);
    const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
    const d = await p.ctx.nodeStaking.account.delegation.fetch(
      pda.delegation(p.ctx, n.node, h.kp.publicKey),
    );
    await advanceTo(
      p.ctx,
      Math.max(node.providerUnbondingReadyAt.toNumber(), d.unbondingReadyAt.toNumber()),
    );
    await withdrawUnstaked(n);
    await p.ctx.nodeStaking.methods
      .withdrawUndelegated()
      .accountsPartial(payoutAccounts(p, n, h))
      .signers([h.kp])
      .rpc();

    // A donation nobody accounts for: swept to the treasury on close.
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        createTransferCheckedInstruction(
          h.tokens,
          p.stakeMint,
          n.vault,
          h.kp.publicKey,
          7n,
          DECIMALS,
        ),
      ),
      [h.kp],
    );

    // Only the operator, only into the configured treasury.
    const stranger = await holder(p);
    before = await snapshot(p.ctx, watched);
    await expectAnchorError(closeNode(n, { signer: stranger.kp }).rpc(), "NotNodeOperator");
    await expectAnchorError(closeNode(n, { treasury: stranger.tokens }).rpc(), "WrongTreasury");
    await expectUnchanged(p.ctx, before);

    const treasuryBefore = await balance(p.ctx, p.treasury);
    const rent = (await rentOf(n.node)) + (await rentOf(n.vault));
    const walletBefore = await lamports(n.operator.publicKey);
    // The provider wallet pays the fee, so the operator's lamports grow by the rent exactly.
    await closeNode(n).rpc();
    expect(await balance(p.ctx, p.treasury)).to.equal(treasuryBefore + 7n);
    expect(await lamports(n.operator.publicKey)).to.equal(walletBefore + rent);
    expect(await p.ctx.connection.getAccountInfo(n.node, "confirmed")).to.equal(null);
    expect(await p.ctx.connection.getAccountInfo(n.vault, "confirmed")).to.equal(null);

    // The id can be registered again, as a fresh Pending node.
    await p.ctx.nodeStaking.methods
      .registerNode({
        nodeId: bn(n.nodeId),
        gpuCount: 4,
        region: region("asia"),
        priceMicroUsdPerHour: bn(2_000_000n),
        qosAddons: [],
        commissionBps: 500,
      })
      .accountsPartial({
        operator: n.operator.publicKey,
        specTier: n.tier,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator])
      .rpc();
    const fresh = await p.ctx.nodeStaking.account.node.fetch(n.node);
    expect(fresh.status).to.deep.equal({ pending: {} });
    expect(big(fresh.totalSlashed)).to.equal(0n);
    expect(await balance(p.ctx, n.vault)).to.equal(0n);
  });

  it("unclaimed rewards keep a node open; a jailed node stays on record", async () => {
    // Operator rewards left unclaimed.
    const n = await registerNode(p, tierId, { stake: tokens(200) });
    await p.ctx.nodeStaking.methods
      .creditRewards({ epoch: bn(await currentEpoch(p)), uptimeBps: 10_000, amount: bn(tokens(2)) })
      .accountsPartial({
        rewardAuthority: p.ctx.payer.publicKey,
        node: n.node,
        vault: n.vault,
        source,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    await drainProvider(n);
    let before = await snapshot(p.ctx, [n.node, n.vault, p.treasury]);
    await expectAnchorError(closeNode(n).rpc(), "NodeNotEmpty");
    await expectUnchanged(p.ctx, before);

    // A data-leak slash jails the node; once drained it still cannot close.
    const jailed = await registerNode(p, tierId, { stake: tokens(200) });
    const evidence = createHash("sha256").update(`close-${Date.now()}-${Math.random()}`).digest();
    await p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(evidence),
        reason: { dataLeak: {} } as never,
        fractionBps: 100,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: jailed.node,
        slashRecord: pda.slash(p.ctx, jailed.node, evidence),
        vault: jailed.vault,
        treasury: p.treasury,
        renterTokens: null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    await drainProvider(jailed);
    before = await snapshot(p.ctx, [jailed.node, jailed.vault, p.treasury]);
    await expectAnchorError(closeNode(jailed).rpc(), "NodeJailed");
    await expectUnchanged(p.ctx, before);
  });
});
