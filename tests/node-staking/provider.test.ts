// Node registration and provider stake: the 100-token minimum, the per-spec
// cap, unbonding and withdrawal, and the active-rental floor.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { fundedKeypair } from "../helpers/context";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  createTier,
  ensureProtocol,
  exactClock,
  NodeHandle,
  pda,
  Protocol,
  region,
  registerNode,
  stakeIx,
  tokens,
  updateTierIx,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: nodes and provider stake", () => {
  let p: Protocol;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    // Cap 1 000 tokens; delegated share up to 50 %.
    tierId = await createTier(p, { name: "A100-80GB", maxNodeStake: tokens(1000) });
  });

  const fetchNode = (n: NodeHandle) => p.ctx.nodeStaking.account.node.fetch(n.node);

  describe("register_node", () => {
    it("registers a Pending node with its vault and every field set", async () => {
      const n = await registerNode(p, tierId, {
        priceMicroUsd: 1_200_000n,
        commissionBps: 500,
        region: "europe",
        gpuCount: 4,
      });
      const node = await fetchNode(n);
      expect(node.operator.toBase58()).to.equal(n.operator.publicKey.toBase58());
      expect(big(node.nodeId)).to.equal(n.nodeId);
      expect(node.vault.toBase58()).to.equal(n.vault.toBase58());
      expect(node.specTier).to.equal(tierId);
      expect(node.gpuCount).to.equal(4);
      expect(node.region).to.deep.equal({ europe: {} });
      expect(node.status).to.deep.equal({ pending: {} });
      expect(big(node.priceMicroUsdPerHour)).to.equal(1_200_000n);
      expect(node.commissionBps).to.equal(500);
      expect(node.activeRentals).to.equal(0);
      expect(big(node.providerStake)).to.equal(0n);
      expect(await balance(p.ctx, n.vault)).to.equal(0n);
      const vault = await p.ctx.connection.getAccountInfo(n.vault);
      expect(vault!.owner.toBase58()).to.equal(TOKEN_PROGRAM_ID.toBase58());
    });

    it("rejects a second registration of the same node id", async () => {
      const n = await registerNode(p, tierId);
      const before = await snapshot(p.ctx, [n.node, n.vault]);
      await expectFailureWithLog(
        p.ctx.nodeStaking.methods
          .registerNode({
            nodeId: bn(n.nodeId),
            gpuCount: 1,
            region: region("asia"),
            priceMicroUsdPerHour: bn(1n),
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
          .rpc(),
        "already in use",
      );
      await expectUnchanged(p.ctx, before);
    });

    const badRegistrations: [string, Record<string, unknown>, string][] = [
      ["zero GPUs", { gpuCount: 0 }, "InvalidGpuCount"],
      ["a zero price", { priceMicroUsdPerHour: bn(0n) }, "InvalidPrice"],
      ["a commission over 100 %", { commissionBps: 10_001 }, "InvalidCommission"],
      [
        "five QoS add-ons",
        {
          qosAddons: [1, 2, 3, 4, 5].map((id) => ({ id, priceMicroUsdPerHour: bn(1n) })),
        },
        "TooManyQosAddons",
      ],
      [
        "duplicate QoS add-on ids",
        {
          qosAddons: [
            { id: 7, priceMicroUsdPerHour: bn(1n) },
            { id: 7, priceMicroUsdPerHour: bn(2n) },
          ],
        },
        "DuplicateQosAddon",
      ],
    ];
    for (const [label, override, error] of badRegistrations) {
      it(`rejects ${label} with ${error}`, async () => {
        const operator = await fundedKeypair(p.ctx);
        const nodeId = 42n;
        const node = pda.node(p.ctx, operator.publicKey, nodeId);
        const before = await snapshot(p.ctx, [node]);
        await expectAnchorError(
          p.ctx.nodeStaking.methods
            .registerNode({
              nodeId: bn(nodeId),
              gpuCount: 8,
              region: region("asia"),
              priceMicroUsdPerHour: bn(1_000_000n),
              qosAddons: [],
              commissionBps: 0,
              ...override,
            } as never)
            .accountsPartial({
              operator: operator.publicKey,
              specTier: pda.tier(p.ctx, tierId),
              stakeMint: p.stakeMint,
              tokenProgram: TOKEN_PROGRAM_ID,
            })
            .signers([operator])
            .rpc(),
          error,
        );
        await expectUnchanged(p.ctx, before);
      });
    }

    it("rejects registration in an inactive tier", async () => {
      const closed = await createTier(p, { maxNodeStake: tokens(1000) });
      await updateTierIx(p, pda.tier(p.ctx, closed), { active: false }).rpc();
      const operator = await fundedKeypair(p.ctx);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .registerNode({
            nodeId: bn(1n),
            gpuCount: 1,
            region: region("other"),
            priceMicroUsdPerHour: bn(1n),
            qosAddons: [],
            commissionBps: 0,
          })
          .accountsPartial({
            operator: operator.publicKey,
            specTier: pda.tier(p.ctx, closed),
            stakeMint: p.stakeMint,
            tokenProgram: TOKEN_PROGRAM_ID,
          })
          .signers([operator])
          .rpc(),
        "TierInactive",
      );
    });
  });

  describe("stake", () => {
    it("100 tokens minus 1 base unit leaves the node Pending; the last unit activates it", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) - 1n });
      let node = await fetchNode(n);
      expect(node.status).to.deep.equal({ pending: {} });
      expect(big(node.providerStake)).to.equal(tokens(100) - 1n);
      await stakeIx(p, n, 1n).rpc();
      node = await fetchNode(n);
      expect(node.status).to.deep.equal({ active: {} });
      expect(big(node.providerStake)).to.equal(tokens(100));
      expect(await balance(p.ctx, n.vault)).to.equal(tokens(100));
      expect(await balance(p.ctx, n.operatorTokens)).to.equal(tokens(10_000) - tokens(100));
    });

    it("a tier minimum above the global one is the one that activates", async () => {
      const strict = await createTier(p, {
        maxNodeStake: tokens(1000),
        minProviderStake: tokens(250),
      });
      const n = await registerNode(p, strict, { stake: tokens(249) });
      expect((await fetchNode(n)).status).to.deep.equal({ pending: {} });
      await stakeIx(p, n, tokens(1)).rpc();
      expect((await fetchNode(n)).status).to.deep.equal({ active: {} });
    });

    it("reaching the tier cap exactly passes; one base unit more fails and changes nothing", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(1000) });
      expect(big((await fetchNode(n)).providerStake)).to.equal(tokens(1000));
      const before = await snapshot(p.ctx, [n.node, n.vault, n.operatorTokens]);
      await expectAnchorError(stakeIx(p, n, 1n).rpc(), "NodeCapExceeded");
      await expectUnchanged(p.ctx, before);
    });

    it("lowering the cap never confiscates: stake above it stays, new inflows fail", async () => {
      const tier = await createTier(p, { maxNodeStake: tokens(500) });
      const n = await registerNode(p, tier, { stake: tokens(400) });
      await updateTierIx(p, pda.tier(p.ctx, tier), { maxNodeStake: tokens(300) }).rpc();
      const node = await fetchNode(n);
      expect(big(node.providerStake)).to.equal(tokens(400));
      expect(await balance(p.ctx, n.vault)).to.equal(tokens(400));
      await expectAnchorError(stakeIx(p, n, 1n).rpc(), "NodeCapExceeded");
    });

    it("rejects zero, an overflowing amount, a stranger and a wrong vault", async () => {
      const n = await registerNode(p, tierId);
      const before = await snapshot(p.ctx, [n.node, n.vault, n.operatorTokens]);
      await expectAnchorError(stakeIx(p, n, 0n).rpc(), "ZeroAmount");
      await expectAnchorError(stakeIx(p, n, 2n ** 64n - 1n).rpc(), "NodeCapExceeded");
      const stranger = await fundedKeypair(p.ctx);
      const strangerTokens = await fundTokenAccount(
        p.ctx,
        p.stakeMint,
        stranger.publicKey,
        tokens(200),
      );
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .stake(bn(tokens(100)))
          .accountsPartial({
            operator: stranger.publicKey,
            node: n.node,
            vault: n.vault,
            operatorTokens: strangerTokens,
            stakeMint: p.stakeMint,
            tokenProgram: TOKEN_PROGRAM_ID,
          })
          .signers([stranger])
          .rpc(),
        "NotNodeOperator",
      );
      const other = await registerNode(p, tierId);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .stake(bn(tokens(100)))
          .accountsPartial({
            operator: n.operator.publicKey,
            node: n.node,
            vault: other.vault,
            operatorTokens: n.operatorTokens,
            stakeMint: p.stakeMint,
            tokenProgram: TOKEN_PROGRAM_ID,
          })
          .signers([n.operator])
          .rpc(),
        "VaultMismatch",
      );
      await expectUnchanged(p.ctx, before);
    });
  });

  describe("unstake and withdraw", () => {
    it("unbonds, refuses withdrawal before the deadline, pays at the deadline", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(300) });
      await p.ctx.nodeStaking.methods
        .requestUnstake(bn(tokens(120)))
        .accountsPartial({ operator: n.operator.publicKey, node: n.node })
        .signers([n.operator])
        .rpc();
      let node = await fetchNode(n);
      expect(big(node.providerStake)).to.equal(tokens(180));
      expect(big(node.providerUnbonding)).to.equal(tokens(120));
      expect(node.status).to.deep.equal({ active: {} });
      const readyAt = node.providerUnbondingReadyAt.toNumber();

      const withdraw = () =>
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

      if (exactClock(p.ctx)) await advanceTo(p.ctx, readyAt - 1);
      expect(await chainTime(p.ctx)).to.be.lessThan(readyAt);
      const before = await snapshot(p.ctx, [n.node, n.vault, n.operatorTokens]);
      await expectAnchorError(withdraw(), "UnbondingNotElapsed");
      await expectUnchanged(p.ctx, before);

      await advanceTo(p.ctx, readyAt);
      const walletBefore = await balance(p.ctx, n.operatorTokens);
      await withdraw();
      node = await fetchNode(n);
      expect(big(node.providerUnbonding)).to.equal(0n);
      expect(await balance(p.ctx, n.operatorTokens)).to.equal(walletBefore + tokens(120));
      expect(await balance(p.ctx, n.vault)).to.equal(tokens(180));
      await expectAnchorError(withdraw(), "NothingToWithdraw");
    });

    it("unstaking everything makes the node Exiting; dropping below the minimum makes it Pending", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(150) });
      const unstake = (amount: bigint) =>
        p.ctx.nodeStaking.methods
          .requestUnstake(bn(amount))
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc();
      await unstake(tokens(60));
      expect((await fetchNode(n)).status).to.deep.equal({ pending: {} });
      await unstake(tokens(90));
      expect((await fetchNode(n)).status).to.deep.equal({ exiting: {} });
      const before = await snapshot(p.ctx, [n.node]);
      await expectAnchorError(unstake(1n), "InsufficientStake");
      await expectAnchorError(unstake(0n), "ZeroAmount");
      await expectUnchanged(p.ctx, before);
    });

    it("with an active rental the provider cannot drop below the minimum", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(150) });
      await p.ctx.nodeStaking.methods
        .lockNode()
        .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
        .signers([p.rentalAuthority])
        .rpc();
      expect((await fetchNode(n)).activeRentals).to.equal(1);
      const unstake = (amount: bigint) =>
        p.ctx.nodeStaking.methods
          .requestUnstake(bn(amount))
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc();
      const before = await snapshot(p.ctx, [n.node]);
      await expectAnchorError(unstake(tokens(50) + 1n), "BelowMinimumWithActiveRentals");
      await expectUnchanged(p.ctx, before);
      await unstake(tokens(50)); // exactly down to the minimum is allowed
      await p.ctx.nodeStaking.methods
        .unlockNode()
        .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
        .signers([p.rentalAuthority])
        .rpc();
      await unstake(tokens(100));
      expect(big((await fetchNode(n)).providerStake)).to.equal(0n);
    });

    it("only the rental authority locks and unlocks; unlock needs a rental", async () => {
      const n = await registerNode(p, tierId, { stake: tokens(100) });
      const impostor = Keypair.generate();
      const before = await snapshot(p.ctx, [n.node]);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .lockNode()
          .accountsPartial({ rentalAuthority: impostor.publicKey, node: n.node })
          .signers([impostor])
          .rpc(),
        "NotRentalAuthority",
      );
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .unlockNode()
          .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
          .signers([p.rentalAuthority])
          .rpc(),
        "NoActiveRentals",
      );
      await expectUnchanged(p.ctx, before);
      const pending = await registerNode(p, tierId);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .lockNode()
          .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: pending.node })
          .signers([p.rentalAuthority])
          .rpc(),
        "NodeNotActive",
      );
    });
  });

  describe("operator settings", () => {
    it("pricing updates apply at once; commission changes wait one unbonding period", async () => {
      const n = await registerNode(p, tierId, { commissionBps: 1000 });
      await p.ctx.nodeStaking.methods
        .updatePricing({
          priceMicroUsdPerHour: bn(2_500_000n),
          qosAddons: [{ id: 1, priceMicroUsdPerHour: bn(300_000n) }],
        })
        .accountsPartial({ operator: n.operator.publicKey, node: n.node })
        .signers([n.operator])
        .rpc();
      let node = await fetchNode(n);
      expect(big(node.priceMicroUsdPerHour)).to.equal(2_500_000n);
      expect(node.qosAddons[0].id).to.equal(1);
      expect(big(node.qosAddons[0].priceMicroUsdPerHour)).to.equal(300_000n);

      const now = await chainTime(p.ctx);
      await p.ctx.nodeStaking.methods
        .setCommission(2000)
        .accountsPartial({ operator: n.operator.publicKey, node: n.node })
        .signers([n.operator])
        .rpc();
      node = await fetchNode(n);
      expect(node.commissionBps).to.equal(1000);
      expect(node.pendingCommissionBps).to.equal(2000);
      expect(node.commissionEffectiveAt.toNumber()).to.be.at.least(now + 4);
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .setCommission(10_001)
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc(),
        "InvalidCommission",
      );
    });
  });
});
