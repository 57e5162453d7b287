// A market over several epochs: three nodes, four delegators, rewards, an
// unbonding delegator caught by a slash, claims and exits. After every step
// the tokens are conserved: vaults + wallets + treasury + reward source hold
// exactly what was minted into them.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import { createHash } from "crypto";
import { expect } from "chai";

import {
  advanceTo,
  big,
  bn,
  createTier,
  currentEpoch,
  delegateIx,
  ensureProtocol,
  holder,
  Holder,
  independently,
  NodeHandle,
  pda,
  payoutAccounts,
  Protocol,
  registerNode,
  stakeIx,
  TEST_PARAMS,
  tokens,
  waitOutUnbonding,
} from "../helpers/staking";
import { balance, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: multi-epoch scenario with conservation", () => {
  let p: Protocol;
  let nodes: NodeHandle[];
  let delegators: Holder[];
  let source: PublicKey;
  let tracked: PublicKey[];
  let expected: bigint;

  const total = async () => {
    let sum = 0n;
    for (const a of tracked) sum += await balance(p.ctx, a);
    return sum;
  };
  const conserved = async (step: string) => {
    expect(await total(), `tokens conserved after: ${step}`).to.equal(expected);
    // Each vault holds at least what its node owes.
    for (const n of nodes) {
      const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
      const owed =
        big(node.providerStake) +
        big(node.providerUnbonding) +
        big(node.poolTokens) +
        big(node.unbondingTokens) +
        big(node.rewardReserve);
      const held = await balance(p.ctx, n.vault);
      expect(held >= owed, `vault ${held} covers liabilities ${owed} after: ${step}`).to.equal(
        true,
      );
    }
  };
  const credit = (n: NodeHandle, epoch: number, uptime: number, amount: bigint) =>
    p.ctx.nodeStaking.methods
      .creditRewards({ epoch: bn(epoch), uptimeBps: uptime, amount: bn(amount) })
      .accountsPartial({
        rewardAuthority: p.ctx.payer.publicKey,
        node: n.node,
        vault: n.vault,
        source,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();

  before(async () => {
    p = await ensureProtocol();
    const [h100, rtx] = await independently(
      p.ctx,
      () => createTier(p, { name: "H100-80GB", maxNodeStake: tokens(5000), maxDelegatedBps: 5000 }),
      () => createTier(p, { name: "RTX-4090", maxNodeStake: tokens(1000), maxDelegatedBps: 5000 }),
    );
    [nodes, delegators, source] = await independently(
      p.ctx,
      () =>
        independently(
          p.ctx,
          () =>
            registerNode(p, h100, {
              region: "americas",
              commissionBps: 1000,
              fundTokens: tokens(3000),
            }),
          () =>
            registerNode(p, h100, {
              region: "europe",
              commissionBps: 500,
              fundTokens: tokens(3000),
            }),
          () =>
            registerNode(p, rtx, { region: "asia", commissionBps: 2000, fundTokens: tokens(3000) }),
        ),
      () => independently(p.ctx, ...[0, 1, 2, 3].map(() => () => holder(p, tokens(1000)))),
      () => fundTokenAccount(p.ctx, p.stakeMint, p.ctx.payer.publicKey, 0n),
    );
    // The treasury may be the payer's token account, i.e. the reward source: count each once.
    tracked = [
      ...new Map(
        [
          ...nodes.flatMap((n) => [n.vault, n.operatorTokens]),
          ...delegators.map((d) => d.tokens),
          p.treasury,
          source,
        ].map((k) => [k.toBase58(), k]),
      ).values(),
    ];
    // Top up the reward source; what is minted into tracked accounts is the supply we follow.
    const { createMintToInstruction } = await import("@solana/spl-token");
    const { Transaction } = await import("@solana/web3.js");
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        createMintToInstruction(
          p.stakeMint,
          source,
          p.ctx.payer.publicKey,
          tokens(10_000),
          [],
          TOKEN_PROGRAM_ID,
        ),
      ),
    );
    expected = await total();
  });

  it("runs stakes, delegations, three reward epochs, a slash, claims and exits", async () => {
    await stakeIx(p, nodes[0], tokens(2000)).rpc();
    await stakeIx(p, nodes[1], tokens(1000)).rpc();
    await stakeIx(p, nodes[2], tokens(400)).rpc();
    await conserved("provider stakes");

    await delegateIx(p, nodes[0], delegators[0], tokens(600)).rpc();
    await delegateIx(p, nodes[0], delegators[1], tokens(300)).rpc();
    await delegateIx(p, nodes[1], delegators[1], tokens(200)).rpc();
    await delegateIx(p, nodes[1], delegators[2], tokens(500)).rpc();
    await delegateIx(p, nodes[2], delegators[3], tokens(400)).rpc();
    await conserved("delegations");

    for (let round = 0; round < 3; round++) {
      const epoch = await currentEpoch(p);
      await credit(nodes[0], epoch, 9900, tokens(50));
      await credit(nodes[1], epoch, round === 1 ? 5000 : 9500, tokens(30)); // one low epoch
      await credit(nodes[2], epoch, 9000, tokens(7));
      await conserved(`rewards, epoch ${epoch}`);
      await advanceTo(p.ctx, (epoch + 1) * TEST_PARAMS.epochSeconds);
    }

    // Delegator 2 starts leaving node 1; a QoS slash of 20 % catches its unbonding stake.
    await p.ctx.nodeStaking.methods
      .undelegate(bn(tokens(500)))
      .accountsPartial({
        signer: delegators[2].kp.publicKey,
        delegator: delegators[2].kp.publicKey,
        node: nodes[1].node,
      })
      .signers([delegators[2].kp])
      .rpc();
    const ev = createHash("sha256").update(`scenario-${Date.now()}-${Math.random()}`).digest();
    const before = await p.ctx.nodeStaking.account.node.fetch(nodes[1].node);
    await p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev),
        reason: { qosFailure: {} },
        fractionBps: 2000,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: nodes[1].node,
        slashRecord: pda.slash(p.ctx, nodes[1].node, ev),
        vault: nodes[1].vault,
        treasury: p.treasury,
        renterTokens: null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    const after = await p.ctx.nodeStaking.account.node.fetch(nodes[1].node);
    // 20 % of 1 700 = 340: all from the provider's 1 000.
    expect(big(before.providerStake) - big(after.providerStake)).to.equal(tokens(340));
    expect(big(after.unbondingTokens)).to.equal(big(before.unbondingTokens));
    await conserved("slash of node 1");

    // A second slash of 80 % reaches delegators: provider first, then pro-rata.
    const ev2 = createHash("sha256").update(`scenario2-${Date.now()}-${Math.random()}`).digest();
    await p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev2),
        reason: { other: {} },
        fractionBps: 8000,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: nodes[1].node,
        slashRecord: pda.slash(p.ctx, nodes[1].node, ev2),
        vault: nodes[1].vault,
        treasury: p.treasury,
        renterTokens: null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    const slashed = await p.ctx.nodeStaking.account.node.fetch(nodes[1].node);
    expect(big(slashed.providerStake)).to.equal(0n);
    expect(big(slashed.unbondingTokens) < big(after.unbondingTokens)).to.equal(true);
    await conserved("second slash of node 1");

    // Everybody claims and leaves.
    for (const [ni, di] of [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 2],
      [2, 3],
    ] as const) {
      const d = await p.ctx.nodeStaking.account.delegation.fetch(
        pda.delegation(p.ctx, nodes[ni].node, delegators[di].kp.publicKey),
      );
      await p.ctx.nodeStaking.methods
        .claimRewards()
        .accountsPartial(payoutAccounts(p, nodes[ni], delegators[di]))
        .signers([delegators[di].kp])
        .rpc()
        .catch((e) => {
          if (!String(e).includes("NothingToClaim")) throw e;
        });
      if (big(d.shares) > 0n) {
        await p.ctx.nodeStaking.methods
          .undelegate(d.shares)
          .accountsPartial({
            signer: delegators[di].kp.publicKey,
            delegator: delegators[di].kp.publicKey,
            node: nodes[ni].node,
          })
          .signers([delegators[di].kp])
          .rpc();
      }
    }
    for (const n of nodes) {
      await p.ctx.nodeStaking.methods
        .claimOperatorRewards()
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
      const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
      if (big(node.providerStake) > 0n) {
        await p.ctx.nodeStaking.methods
          .requestUnstake(node.providerStake)
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc();
      }
    }
    await conserved("claims and exit requests");

    await waitOutUnbonding(p.ctx);
    for (const [ni, di] of [
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 2],
      [2, 3],
    ] as const) {
      await p.ctx.nodeStaking.methods
        .withdrawUndelegated()
        .accountsPartial(payoutAccounts(p, nodes[ni], delegators[di]))
        .signers([delegators[di].kp])
        .rpc();
    }
    for (const n of nodes) {
      const node = await p.ctx.nodeStaking.account.node.fetch(n.node);
      if (big(node.providerUnbonding) > 0n) {
        await p.ctx.nodeStaking.methods
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
      }
      const final = await p.ctx.nodeStaking.account.node.fetch(n.node);
      // Only rounding dust of delegator rewards may remain in a vault.
      expect((await balance(p.ctx, n.vault)) < 10n, "only rounding dust left").to.equal(true);
      expect(
        big(final.poolTokens) + big(final.unbondingTokens) + big(final.providerStake),
      ).to.equal(0n);
    }
    await conserved("all withdrawals");
  });
});
