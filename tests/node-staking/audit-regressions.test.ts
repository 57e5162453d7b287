// One regression test per node_staking finding of the December 2026 review
// (../shared/reference/audit-2026-12.md, section node_staking), with exact
// BigInt expectations. Each `describe` names its finding.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import { fundedKeypair } from "../helpers/context";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  claimOperatorIx,
  claimRewardsIx,
  closeDelegationIx,
  closeNodeIx,
  configUpdate,
  createTier,
  creditIx,
  currentEpoch,
  delegateIx,
  ensureProtocol,
  evidence,
  exactClock,
  holder,
  Holder,
  independently,
  lockIx,
  NodeHandle,
  pda,
  Protocol,
  refreshIx,
  registerNode,
  requestUnstakeIx,
  RewardLedger,
  setPausedIx,
  settleIx,
  slashIx,
  stakeIx,
  TEST_PARAMS,
  tokens,
  undelegateIx,
  waitOutUnbonding,
  withdrawUndelegatedIx,
  withdrawUnstakedIx,
  updateTierIx,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: audit regressions", () => {
  let p: Protocol;
  let tierId: number;
  let source: PublicKey;

  before(async () => {
    p = await ensureProtocol();
    tierId = await createTier(p, { maxNodeStake: tokens(100_000), maxDelegatedBps: 5000 });
    source = await fundTokenAccount(p.ctx, p.stakeMint, p.ctx.payer.publicKey, tokens(1_000_000));
  });

  const fetchNode = (n: NodeHandle) => p.ctx.nodeStaking.account.node.fetch(n.node);
  const fetchDelegation = (n: NodeHandle, h: Holder) =>
    p.ctx.nodeStaking.account.delegation.fetch(pda.delegation(p.ctx, n.node, h.kp.publicKey));
  /** Waits for (or warps to) the start of the next protocol epoch; returns it. */
  const nextEpoch = async (): Promise<number> => {
    const e = await currentEpoch(p);
    await advanceTo(p.ctx, (e + 1) * TEST_PARAMS.epochSeconds);
    return e + 1;
  };
  const afterUnbonding = () => waitOutUnbonding(p.ctx);

  /** Claims for every holder and checks each payout against the ledger model. */
  async function claimAll(n: NodeHandle, holders: Holder[], model: RewardLedger) {
    for (const [i, h] of holders.entries()) {
      const owed = model.claim(String(i));
      const before = await balance(p.ctx, h.tokens);
      if (owed === 0n) {
        await expectAnchorError(claimRewardsIx(p, n, h).rpc(), "NothingToClaim");
      } else {
        await claimRewardsIx(p, n, h).rpc();
      }
      expect(await balance(p.ctx, h.tokens), `claim of holder ${i}`).to.equal(before + owed);
    }
  }

  describe("S-H1: the reward ledger is exact; no claim ever reverts; dust has one home", () => {
    it("the review's reproduction: 100-token provider, 7-token delegation, two 1-token credits", async () => {
      // Seen failing before the fix: the second claim reverted (the sum of
      // floors drifted above the reserve).
      const n = await registerNode(p, tierId, { commissionBps: 0, stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(7)).rpc();
      const model = new RewardLedger();
      model.delegate("0", tokens(7));
      for (let i = 0; i < 2; i++) {
        const epoch = i === 0 ? await currentEpoch(p) : await nextEpoch();
        await creditIx(p, n, source, epoch, 10_000, tokens(1)).rpc();
        model.credit(tokens(1), tokens(100), 0n);
        await claimAll(n, [h], model);
      }
      const node = await fetchNode(n);
      expect(big(node.operatorRewards)).to.equal(model.operator);
      expect(big(node.rewardReserve)).to.equal(model.reserve);
      // Exit completely; the node closes and the dust (below one base unit
      // per delegation, plus the undivided remainder) goes to the treasury.
      await undelegateIx(p, n, h, big((await fetchDelegation(n, h)).shares)).rpc();
      await requestUnstakeIx(p, n, tokens(100)).rpc();
      await afterUnbonding();
      await withdrawUndelegatedIx(p, n, h).rpc();
      await withdrawUnstakedIx(p, n).rpc();
      await claimOperatorIx(p, n).rpc();
      model.claimOperator();
      const treasury = await balance(p.ctx, p.treasury);
      await closeNodeIx(p, n).rpc();
      const dust = (await balance(p.ctx, p.treasury)) - treasury;
      expect(dust).to.equal(model.reserve);
      expect(dust < 2n, `dust ${dust} is below the documented bound`).to.equal(true);
      expect(await p.ctx.connection.getAccountInfo(n.vault)).to.equal(null);
      await closeDelegationIx(p, n, h).rpc();
    });

    it("awkward amounts: 4 delegators, 12.34 % commission, 6 credits, churn, then a full drain to close_node", async () => {
      const n = await registerNode(p, tierId, { commissionBps: 1234 });
      const provider = tokens(101.010101) + 13n;
      const hs: Holder[] = await independently(
        p.ctx,
        ...[0, 1, 2, 3].map(() => () => holder(p, tokens(1_000))),
      );
      const deposits = [
        tokens(7) + 1n,
        tokens(13.333333) + 337n,
        tokens(1) + 3n,
        tokens(29.123456) + 789n,
      ];
      const model = new RewardLedger();
      const minted = new Map<string, bigint>();
      for (const h of [...hs, { tokens: n.operatorTokens } as Holder])
        minted.set(h.tokens.toBase58(), await balance(p.ctx, h.tokens));
      await stakeIx(p, n, provider).rpc();

      for (let i = 0; i < 3; i++) {
        await delegateIx(p, n, hs[i], deposits[i]).rpc();
        model.delegate(String(i), deposits[i]);
      }
      const credits = [
        tokens(1) + 7n,
        tokens(0.333333) + 331n,
        tokens(17.777777) + 773n,
        tokens(3),
        999n,
        tokens(5.55),
      ];
      for (const [i, amount] of credits.entries()) {
        const epoch = i === 0 ? await currentEpoch(p) : await nextEpoch();
        await creditIx(p, n, source, epoch, 9_500, amount).rpc();
        model.credit(amount, provider, 1234n);
        if (i === 1) {
          // Churn between credits: one delegator leaves halfway, one joins.
          const half = big((await fetchDelegation(n, hs[1])).shares) / 2n + 1n;
          await undelegateIx(p, n, hs[1], half).rpc();
          model.undelegate("1", half);
          await delegateIx(p, n, hs[3], deposits[3]).rpc();
          model.delegate("3", deposits[3]);
        }
        if (i === 3) await claimAll(n, hs, model);
      }
      let node = await fetchNode(n);
      expect(big(node.operatorRewards)).to.equal(model.operator);
      expect(big(node.rewardReserve)).to.equal(model.reserve);
      expect(big(node.poolShares)).to.equal(model.poolShares);

      // Full drain: everyone claims and leaves, the node closes.
      await claimAll(n, hs, model);
      for (const [i, h] of hs.entries()) {
        const shares = big((await fetchDelegation(n, h)).shares);
        await undelegateIx(p, n, h, shares).rpc();
        model.undelegate(String(i), shares);
      }
      await requestUnstakeIx(p, n, provider).rpc();
      await afterUnbonding();
      for (const h of hs) await withdrawUndelegatedIx(p, n, h).rpc();
      await withdrawUnstakedIx(p, n).rpc();
      await claimOperatorIx(p, n).rpc();
      model.claimOperator();
      node = await fetchNode(n);
      expect(big(node.rewardReserve)).to.equal(model.reserve);
      const treasuryBefore = await balance(p.ctx, p.treasury);
      await closeNodeIx(p, n).rpc();
      const dust = (await balance(p.ctx, p.treasury)) - treasuryBefore;
      expect(dust).to.equal(model.reserve);
      // Bound (SECURITY.md): under one base unit per delegation plus one.
      expect(dust <= BigInt(hs.length), `dust ${dust}`).to.equal(true);
      for (const h of hs) await closeDelegationIx(p, n, h).rpc();
      expect(await p.ctx.connection.getAccountInfo(n.vault)).to.equal(null);
      expect(await p.ctx.connection.getAccountInfo(n.node)).to.equal(null);

      // Conservation: every credited base unit ended with a delegator, the
      // operator, or the treasury (as the dust above); principal came back whole.
      let gained = 0n;
      for (const [key, start] of minted)
        gained += (await balance(p.ctx, new PublicKey(key))) - start;
      expect(gained + dust).to.equal(credits.reduce((a, b) => a + b, 0n));
    });
  });

  describe("S-M1: the status follows the stake after every change of stake or minimum", () => {
    it("a 30 % slash of a 120-token provider leaves 84 tokens: Pending, no delegation, lock or credit", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(120) });
      await slashIx(p, n, { fractionBps: 3000 }).rpc();
      const node = await fetchNode(n);
      expect(big(node.providerStake)).to.equal(tokens(84));
      expect(node.status).to.deep.equal({ pending: {} });
      const h = await holder(p);
      const before = await snapshot(p.ctx, [n.node, n.vault, h.tokens]);
      await expectAnchorError(delegateIx(p, n, h, tokens(10)).rpc(), "NodeNotActive");
      await expectAnchorError(lockIx(p, n).rpc(), "NodeNotActive");
      await expectAnchorError(
        creditIx(p, n, source, await currentEpoch(p), 10_000, tokens(1)).rpc(),
        "NodeNotActive",
      );
      await expectUnchanged(p.ctx, before);
      await stakeIx(p, n, tokens(16)).rpc();
      expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
    });

    it("raising the minimum makes Active nodes below it refuse inflows at once; refresh_node stores it", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(150) });
      const h = await holder(p);
      await p.ctx.nodeStaking.methods
        .updateConfig(configUpdate({ minProviderStake: bn(tokens(200)) }))
        .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
        .rpc();
      try {
        // Lazily: the stored status still says Active, every inflow re-evaluates.
        expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
        const before = await snapshot(p.ctx, [n.node, h.tokens]);
        await expectAnchorError(delegateIx(p, n, h, tokens(10)).rpc(), "NodeNotActive");
        await expectAnchorError(lockIx(p, n).rpc(), "NodeNotActive");
        await expectUnchanged(p.ctx, before);
        await refreshIx(p, n).rpc();
        expect((await fetchNode(n)).status).to.deep.equal({ pending: {} });
      } finally {
        await p.ctx.nodeStaking.methods
          .updateConfig(configUpdate({ minProviderStake: bn(tokens(100)) }))
          .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
          .rpc();
      }
      await refreshIx(p, n).rpc();
      expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
      await delegateIx(p, n, h, tokens(10)).rpc();
    });

    it("a raised tier minimum works the same way", async () => {
      const tier = await createTier(p, { maxNodeStake: tokens(10_000) });
      const n = await registerNode(p, tier, { stake: tokens(120) });
      await updateTierIx(p, pda.tier(p.ctx, tier), { minProviderStake: tokens(121) }).rpc();
      const h = await holder(p);
      await expectAnchorError(delegateIx(p, n, h, tokens(10)).rpc(), "NodeNotActive");
      await stakeIx(p, n, tokens(1)).rpc();
      expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
    });
  });

  describe("S-M2: a wiped pool cannot hold later delegators hostage", () => {
    it("after a 100 % slash, new delegators join, leave and withdraw; stale holders never act; the node closes", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const stale = await holder(p);
      await delegateIx(p, n, stale, tokens(50)).rpc();
      await undelegateIx(p, n, stale, tokens(20)).rpc(); // 20 unbonding, 30 active
      await slashIx(p, n, { fractionBps: 10_000 }).rpc();
      let node = await fetchNode(n);
      expect(big(node.poolTokens) + big(node.unbondingTokens)).to.equal(0n);
      expect(big(node.poolShares) + big(node.unbondingShares)).to.equal(0n);
      expect(node.poolGeneration).to.equal(1);
      expect(node.unbondingGeneration).to.equal(1);
      expect(big(node.stalePoolShares)).to.equal(tokens(30));

      // The provider restakes; a new delegator is not blocked by the old shares.
      await stakeIx(p, n, tokens(100)).rpc();
      const fresh = await holder(p);
      await delegateIx(p, n, fresh, tokens(30)).rpc();
      const d = await fetchDelegation(n, fresh);
      expect(big(d.shares)).to.equal(tokens(30));
      await undelegateIx(p, n, fresh, tokens(30)).rpc();
      await afterUnbonding();
      const wallet = await balance(p.ctx, fresh.tokens);
      await withdrawUndelegatedIx(p, n, fresh).rpc();
      expect(await balance(p.ctx, fresh.tokens)).to.equal(wallet + tokens(30));

      // The stale holder's shares are worth nothing and withdraw nothing.
      const before = await snapshot(p.ctx, [n.node, n.vault, stale.tokens]);
      await expectAnchorError(withdrawUndelegatedIx(p, n, stale).rpc(), "NothingToWithdraw");
      await expectUnchanged(p.ctx, before);

      // The operator winds down alone: settles the stale delegation (anyone
      // may), unstakes, withdraws, closes.
      await settleIx(p, n, stale).rpc();
      await requestUnstakeIx(p, n, tokens(100)).rpc();
      await afterUnbonding();
      await withdrawUnstakedIx(p, n).rpc();
      node = await fetchNode(n);
      expect(big(node.stalePoolShares)).to.equal(0n);
      await closeNodeIx(p, n).rpc();
      expect(await p.ctx.connection.getAccountInfo(n.node)).to.equal(null);
    });
  });

  describe("S-M2 (bounded record): after four wipes the pool closes instead of starting a fifth generation", () => {
    it("a fifth wipe leaves the pool closed (PoolWipedOut) until its holders leave, which they always can", async () => {
      const n = await registerNode(p, tierId);
      const holders: Holder[] = [];
      for (let wipe = 0; wipe < 5; wipe++) {
        await stakeIx(p, n, tokens(100)).rpc();
        const h = await holder(p);
        holders.push(h);
        await delegateIx(p, n, h, tokens(10)).rpc();
        await slashIx(p, n, { fractionBps: 10_000 }).rpc();
      }
      let node = await fetchNode(n);
      expect(node.poolGeneration).to.equal(4);
      expect(big(node.poolShares)).to.equal(tokens(10)); // the fifth wipe's shares stay, worth 0
      expect(big(node.poolTokens)).to.equal(0n);
      await stakeIx(p, n, tokens(100)).rpc();
      const late = await holder(p);
      const before = await snapshot(p.ctx, [n.node, n.vault, late.tokens]);
      await expectAnchorError(delegateIx(p, n, late, tokens(10)).rpc(), "PoolWipedOut");
      await expectUnchanged(p.ctx, before);
      // The closed pool's holder leaves with its 0 tokens; the pool reopens.
      await undelegateIx(p, n, holders[4], tokens(10)).rpc();
      await delegateIx(p, n, late, tokens(10)).rpc();
      node = await fetchNode(n);
      expect(big(node.poolTokens)).to.equal(tokens(10));
      expect(big(node.poolShares)).to.equal(tokens(10));
    });
  });

  describe("S-M3: a pause cannot let stake escape a slash", () => {
    it("while paused, slashes (by the slash and the rental authority) and matured withdrawals both work", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(200) });
      await requestUnstakeIx(p, n, tokens(50)).rpc();
      await afterUnbonding();
      await setPausedIx(p, true).rpc();
      try {
        await slashIx(p, n, { fractionBps: 1000 }).rpc(); // 10 % of 200 → from provider stake
        await slashIx(p, n, { fractionBps: 100, authority: p.rentalAuthority }).rpc();
        const node = await fetchNode(n);
        expect(big(node.totalSlashed)).to.equal(tokens(20) + tokens(1.8));
        // The matured unbonding is still paid (what the slashes left of it).
        const wallet = await balance(p.ctx, n.operatorTokens);
        await withdrawUnstakedIx(p, n).rpc();
        expect(await balance(p.ctx, n.operatorTokens)).to.equal(wallet + tokens(50));
        // New unbonding requests wait for the end of the pause.
        const before = await snapshot(p.ctx, [n.node]);
        await expectAnchorError(requestUnstakeIx(p, n, tokens(1)).rpc(), "Paused");
        await expectUnchanged(p.ctx, before);
      } finally {
        await setPausedIx(p, false).rpc();
      }
    });
  });

  describe("S-L1: a delegation's rent is never stranded", () => {
    /** A node with one delegation that exits completely and closes. */
    async function closedNode(): Promise<{ n: NodeHandle; h: Holder }> {
      const [n, h] = await independently(
        p.ctx,
        () => registerNode(p, tierId, { stake: tokens(100) }),
        () => holder(p),
      );
      await delegateIx(p, n, h, tokens(10)).rpc();
      await undelegateIx(p, n, h, tokens(10)).rpc();
      await requestUnstakeIx(p, n, tokens(100)).rpc();
      await afterUnbonding();
      await withdrawUndelegatedIx(p, n, h).rpc();
      await withdrawUnstakedIx(p, n).rpc();
      await closeNodeIx(p, n).rpc();
      return { n, h };
    }
    // Both tests' nodes, closed together (a validator waits one unbonding period for both).
    let closed: { n: NodeHandle; h: Holder }[];
    before(async () => {
      closed = await independently(p.ctx, closedNode, closedNode);
    });

    it("close_delegation works after close_node: the rent goes back to the delegator", async () => {
      const { n, h } = closed[0];
      const delegation = pda.delegation(p.ctx, n.node, h.kp.publicKey);
      const rent = (await p.ctx.connection.getAccountInfo(delegation))!.lamports;
      const lamports = await p.ctx.connection.getBalance(h.kp.publicKey);
      await closeDelegationIx(p, n, h).rpc();
      expect(await p.ctx.connection.getAccountInfo(delegation)).to.equal(null);
      // The delegator signs (fee paid by the test payer): it gets the whole rent.
      expect((await p.ctx.connection.getBalance(h.kp.publicKey)) - lamports).to.equal(rent);
    });

    it("a node re-registered at the same address starts clean; the old delegation neither carries over nor blocks", async () => {
      const { n, h } = closed[1];
      await p.ctx.nodeStaking.methods
        .registerNode({
          nodeId: bn(n.nodeId),
          gpuCount: 8,
          region: { europe: {} } as never,
          priceMicroUsdPerHour: bn(1_000_000n),
          qosAddons: [],
          commissionBps: 0,
        })
        .accountsPartial({
          operator: n.operator.publicKey,
          specTier: n.tier,
          stakeMint: p.stakeMint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .signers([n.operator])
        .rpc();
      const renewed = await fetchNode(n);
      const delegation = pda.delegation(p.ctx, n.node, h.kp.publicKey);
      expect(
        big((await fetchDelegation(n, h)).nodeIncarnation) < big(renewed.incarnation),
      ).to.equal(true);
      const before = await snapshot(p.ctx, [n.node, delegation]);
      await expectAnchorError(settleIx(p, n, h).rpc(), "DelegationMismatch");
      await expectUnchanged(p.ctx, before);
      // Delegating again resets the account for the new node.
      await stakeIx(p, n, tokens(100)).rpc();
      await delegateIx(p, n, h, tokens(5)).rpc();
      const d = await fetchDelegation(n, h);
      expect(big(d.nodeIncarnation)).to.equal(big(renewed.incarnation));
      expect(big(d.shares)).to.equal(tokens(5));
      expect(big(d.pendingRewards)).to.equal(0n);
      await undelegateIx(p, n, h, tokens(5)).rpc();
    });
  });

  describe("S-L2: changing the epoch length neither re-credits time nor locks crediting", () => {
    it("credited time is kept in seconds across a longer and a shorter epoch", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const e0 = await currentEpoch(p);
      await creditIx(p, n, source, e0, 10_000, tokens(1)).rpc();
      const creditedUntil = (e0 + 1) * TEST_PARAMS.epochSeconds;
      expect(big((await fetchNode(n)).rewardedUntil)).to.equal(BigInt(creditedUntil));
      const setEpoch = (s: number) =>
        p.ctx.nodeStaking.methods
          .updateConfig(configUpdate({ epochSeconds: s }))
          .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
          .rpc();
      try {
        // Shorter epochs (1 s): every epoch starting before the credited end is refused.
        await setEpoch(1);
        const before = await snapshot(p.ctx, [n.node, n.vault]);
        // A 1-s epoch that has begun and starts before the credited end.
        const inside = Math.min(await chainTime(p.ctx), creditedUntil - 1);
        await expectAnchorError(
          creditIx(p, n, source, inside, 10_000, tokens(1)).rpc(),
          "RewardAlreadyCredited",
        );
        await expectUnchanged(p.ctx, before);
        await advanceTo(p.ctx, creditedUntil);
        await creditIx(p, n, source, creditedUntil, 10_000, tokens(1)).rpc();
        // Longer epochs (5 s): crediting resumes at the first 5-s epoch that
        // starts after what was credited (not years later).
        await setEpoch(5);
        const resume = Math.ceil((creditedUntil + 1) / 5);
        await advanceTo(p.ctx, resume * 5);
        await creditIx(p, n, source, resume, 10_000, tokens(1)).rpc();
        expect(big((await fetchNode(n)).rewardedUntil)).to.equal(BigInt((resume + 1) * 5));
      } finally {
        await setEpoch(TEST_PARAMS.epochSeconds);
      }
    });
  });

  describe("S-L3: a stake top-up is never refused for the delegated share", () => {
    it("after the tier's delegated share is lowered below the node's, the provider can still add stake", async () => {
      const tier = await createTier(p, { maxNodeStake: tokens(10_000), maxDelegatedBps: 5000 });
      const n = await registerNode(p, tier, { stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(100)).rpc(); // 50 %
      await updateTierIx(p, pda.tier(p.ctx, tier), { maxDelegatedBps: 2000 }).rpc();
      await stakeIx(p, n, tokens(10)).rpc(); // 47.6 %, still above 20 %: accepted
      expect(big((await fetchNode(n)).providerStake)).to.equal(tokens(110));
      const before = await snapshot(p.ctx, [n.node, h.tokens]);
      await expectAnchorError(delegateIx(p, n, h, tokens(1)).rpc(), "DelegationShareExceeded");
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("S-L4: admin actions, unjail included, work while paused", () => {
    it("unjails a jailed node while paused", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(200) });
      await slashIx(p, n, { fractionBps: 100, reason: "dataLeak" }).rpc();
      expect((await fetchNode(n)).status).to.deep.equal({ jailed: {} });
      await setPausedIx(p, true).rpc();
      try {
        await p.ctx.nodeStaking.methods
          .unjailNode()
          .accountsPartial({ admin: p.ctx.payer.publicKey, node: n.node })
          .rpc();
      } finally {
        await setPausedIx(p, false).rpc();
      }
      expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
    });
  });

  describe("S-L6: undelegate never burns shares for nothing", () => {
    it("shares worth less than one base unit are refused unless they are the whole position", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(2)).rpc();
      // 99.1 % of 102 tokens = 101.082: the provider's 100, then 1.082 of the pool.
      await slashIx(p, n, { fractionBps: 9910 }).rpc();
      const node = await fetchNode(n);
      expect(big(node.poolTokens) < big(node.poolShares)).to.equal(true);
      const before = await snapshot(p.ctx, [n.node, pda.delegation(p.ctx, n.node, h.kp.publicKey)]);
      await expectAnchorError(undelegateIx(p, n, h, 1n).rpc(), "UndelegationTooSmall");
      await expectUnchanged(p.ctx, before);
      await undelegateIx(p, n, h, tokens(2)).rpc();
      const d = await fetchDelegation(n, h);
      expect(big(d.shares)).to.equal(0n);
      expect(big(d.unbondingShares) > 0n).to.equal(true);
    });
  });

  describe("Info items: consecutive low epochs, slash destinations, slash-record rent", () => {
    it("a gap between low epochs restarts the count (3 low credits with a gap do not jail)", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const e = await currentEpoch(p);
      /** Waits for epoch `k` to begin (it may already have) and credits it low. */
      const low = async (k: number) => {
        await advanceTo(p.ctx, k * TEST_PARAMS.epochSeconds);
        await creditIx(p, n, source, k, 5_000, 0n).rpc();
      };
      await low(e);
      await low(e + 1);
      expect((await fetchNode(n)).consecutiveLowEpochs).to.equal(2);
      await low(e + 3); // epoch e + 2 skipped
      const node = await fetchNode(n);
      expect(node.consecutiveLowEpochs).to.equal(1);
      expect(node.status).to.deep.equal({ active: {} });
    });

    it("a slash refuses the node's own vault as the renter's account (DestinationIsVault)", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const before = await snapshot(p.ctx, [n.node, n.vault, p.treasury]);
      await expectAnchorError(
        slashIx(p, n, { fractionBps: 100, renterShareBps: 5000, renterTokens: n.vault }).rpc(),
        "DestinationIsVault",
      );
      await expectUnchanged(p.ctx, before);
    });

    it("a slash record keeps its evidence for 90 days, then anyone closes it and its payer gets the rent", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const ev = evidence();
      await slashIx(p, n, { fractionBps: 100, evidence: ev }).rpc();
      const record = pda.slash(p.ctx, n.node, ev);
      const stranger = await fundedKeypair(p.ctx);
      const close = () =>
        p.ctx.nodeStaking.methods
          .closeSlashRecord()
          .accountsPartial({
            signer: stranger.publicKey,
            payer: p.ctx.payer.publicKey,
            slashRecord: record,
          })
          .signers([stranger]);
      const before = await snapshot(p.ctx, [record]);
      await expectAnchorError(close().rpc(), "SlashRecordRetained");
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .closeSlashRecord()
          .accountsPartial({
            signer: stranger.publicKey,
            payer: stranger.publicKey,
            slashRecord: record,
          })
          .signers([stranger])
          .rpc(),
        "Unauthorized",
      );
      await expectUnchanged(p.ctx, before);
      if (!exactClock(p.ctx)) return; // 90 days cannot pass on a validator
      const r = await p.ctx.nodeStaking.account.slashRecord.fetch(record);
      await advanceTo(p.ctx, r.slashedAt.toNumber() + 90 * 86_400);
      const rent = (await p.ctx.connection.getAccountInfo(record))!.lamports;
      const payer = await p.ctx.connection.getBalance(p.ctx.payer.publicKey);
      await close().rpc();
      expect(await p.ctx.connection.getAccountInfo(record)).to.equal(null);
      // The payer got the rent back, less the fee of this transaction (it pays the fees).
      const gained = (await p.ctx.connection.getBalance(p.ctx.payer.publicKey)) - payer;
      expect(gained).to.be.within(rent - 10_000, rent);
    });
  });

  describe("Permissionless exits: nobody but the delegator moves a live position", () => {
    it("a stranger may not undelegate while the provider has stake, nor pay rewards to itself", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(10)).rpc();
      await creditIx(p, n, source, await currentEpoch(p), 10_000, tokens(1)).rpc();
      const stranger = await holder(p);
      const delegation = pda.delegation(p.ctx, n.node, h.kp.publicKey);
      const before = await snapshot(p.ctx, [n.node, delegation, n.vault, stranger.tokens]);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .undelegate(bn(tokens(10)))
          .accountsPartial({
            signer: stranger.kp.publicKey,
            delegator: h.kp.publicKey,
            node: n.node,
          })
          .signers([stranger.kp])
          .rpc(),
        "NotPermissionless",
      );
      await expectAnchorError(
        claimRewardsIx(p, n, h, stranger).accountsPartial({ destination: stranger.tokens }).rpc(),
        "DestinationNotOwned",
      );
      await expectUnchanged(p.ctx, before);
      // To the delegator's own account, anyone may pay it out.
      const wallet = await balance(p.ctx, h.tokens);
      await claimRewardsIx(p, n, h, stranger).rpc();
      expect((await balance(p.ctx, h.tokens)) > wallet).to.equal(true);
    });

    it("once the provider has no stake, anyone undelegates all of a delegation (not part of it)", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const h = await holder(p);
      await delegateIx(p, n, h, tokens(10)).rpc();
      await requestUnstakeIx(p, n, tokens(100)).rpc();
      const op = { kp: n.operator } as Holder;
      const crank = (shares: bigint) =>
        p.ctx.nodeStaking.methods
          .undelegate(bn(shares))
          .accountsPartial({ signer: op.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
          .signers([op.kp]);
      await expectAnchorError(crank(tokens(5)).rpc(), "NotPermissionless");
      await crank(tokens(10)).rpc();
      expect(big((await fetchDelegation(n, h)).unbondingShares)).to.equal(tokens(10));
    });
  });
});
