// A whole stake → delegate → reward → slash → exit → close flow on a
// Token-2022 stake mint carrying the one extension the protocol accepts (a
// metadata pointer). The protocol config is one PDA per chain, so this runs
// in its own LiteSVM world; the shared validator chain runs the SPL Token
// protocol that every other suite uses.
import { TOKEN_2022_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import { createContext, fundedKeypair, TestContext } from "../helpers/context";
import {
  advanceTo,
  big,
  bn,
  chainTime,
  configUpdate,
  pda,
  REWARD_SCALE,
  TEST_PARAMS,
  tokens,
} from "../helpers/staking";
import { balance, createMint2022WithMetadataPointer, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: a full flow on a Token-2022 mint with a metadata pointer", () => {
  let ctx: TestContext;
  let mint: PublicKey;
  let treasury: PublicKey;
  const TP = TOKEN_2022_PROGRAM_ID;

  before(async function () {
    ctx = await createContext();
    if (!ctx.svm) {
      // One protocol per chain: the validator's is the SPL Token one.
      this.skip();
    }
    mint = await createMint2022WithMetadataPointer(ctx);
    treasury = await fundTokenAccount(ctx, mint, Keypair.generate().publicKey, 0n, TP);
    await ctx.nodeStaking.methods
      .initialize({ minProviderStake: null, unbondingSeconds: null })
      .accountsPartial({ admin: ctx.payer.publicKey, stakeMint: mint, treasury, tokenProgram: TP })
      .rpc();
    await ctx.nodeStaking.methods
      .updateConfig(
        configUpdate({
          unbondingSeconds: TEST_PARAMS.unbondingSeconds,
          epochSeconds: TEST_PARAMS.epochSeconds,
        }),
      )
      .accountsPartial({ admin: ctx.payer.publicKey, newTreasury: null })
      .rpc();
  });

  it("stakes, delegates, credits, claims, slashes, exits and closes with exact balances", async () => {
    const tierId = 7;
    await ctx.nodeStaking.methods
      .createSpecTier({
        tierId,
        name: "T22",
        maxNodeStake: bn(tokens(10_000)),
        minProviderStake: bn(0n),
        maxDelegatedBps: 5000,
      })
      .accountsPartial({ admin: ctx.payer.publicKey })
      .rpc();
    const operator = await fundedKeypair(ctx);
    const holderKp = await fundedKeypair(ctx);
    const opTokens = await fundTokenAccount(ctx, mint, operator.publicKey, tokens(1_000), TP);
    const hTokens = await fundTokenAccount(ctx, mint, holderKp.publicKey, tokens(1_000), TP);
    const source = await fundTokenAccount(ctx, mint, ctx.payer.publicKey, tokens(1_000), TP);
    const nodeId = 42n;
    const node = pda.node(ctx, operator.publicKey, nodeId);
    const vault = pda.vault(ctx, node);
    const common = { stakeMint: mint, tokenProgram: TP };
    await ctx.nodeStaking.methods
      .registerNode({
        nodeId: bn(nodeId),
        gpuCount: 8,
        region: { europe: {} } as never,
        priceMicroUsdPerHour: bn(1_000_000n),
        qosAddons: [],
        commissionBps: 1000,
      })
      .accountsPartial({ operator: operator.publicKey, specTier: pda.tier(ctx, tierId), ...common })
      .signers([operator])
      .rpc();
    await ctx.nodeStaking.methods
      .stake(bn(tokens(300)))
      .accountsPartial({
        operator: operator.publicKey,
        node,
        vault,
        operatorTokens: opTokens,
        ...common,
      })
      .signers([operator])
      .rpc();
    await ctx.nodeStaking.methods
      .delegate(bn(tokens(100)))
      .accountsPartial({
        delegator: holderKp.publicKey,
        node,
        vault,
        delegatorTokens: hTokens,
        ...common,
      })
      .signers([holderKp])
      .rpc();
    const epoch = Math.floor((await chainTime(ctx)) / TEST_PARAMS.epochSeconds);
    await ctx.nodeStaking.methods
      .creditRewards({ epoch: bn(epoch), uptimeBps: 10_000, amount: bn(tokens(4)) })
      .accountsPartial({ rewardAuthority: ctx.payer.publicKey, node, vault, source, ...common })
      .rpc();
    // 4 × 100/400 = 1 token gross to delegators, 10 % commission: 0.9 net.
    const payout = {
      signer: holderKp.publicKey,
      delegator: holderKp.publicKey,
      node,
      vault,
      destination: hTokens,
      ...common,
    };
    const h0 = await balance(ctx, hTokens);
    await ctx.nodeStaking.methods.claimRewards().accountsPartial(payout).signers([holderKp]).rpc();
    const net = tokens(0.9);
    const perShare = (net * REWARD_SCALE) / tokens(100);
    expect(await balance(ctx, hTokens)).to.equal(h0 + (tokens(100) * perShare) / REWARD_SCALE);

    // A 50 % slash of 400: the provider's 300, then 100 × 100/100 from the pool... capped: 200 total.
    const ev = Buffer.alloc(32, 9);
    await ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev),
        reason: { qosFailure: {} } as never,
        fractionBps: 5000,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: ctx.payer.publicKey,
        payer: ctx.payer.publicKey,
        node,
        slashRecord: pda.slash(ctx, node, ev),
        vault,
        treasury,
        renterTokens: null,
        ...common,
      })
      .rpc();
    let n = await ctx.nodeStaking.account.node.fetch(node);
    expect(big(n.providerStake)).to.equal(tokens(100));
    expect(big(n.poolTokens)).to.equal(tokens(100));
    expect(await balance(ctx, treasury)).to.equal(tokens(200));

    // Exit: undelegate, unstake, wait, withdraw, claim the operator's part, close.
    await ctx.nodeStaking.methods
      .undelegate(bn(tokens(100)))
      .accountsPartial({ signer: holderKp.publicKey, delegator: holderKp.publicKey, node })
      .signers([holderKp])
      .rpc();
    await ctx.nodeStaking.methods
      .requestUnstake(bn(tokens(100)))
      .accountsPartial({ operator: operator.publicKey, node })
      .signers([operator])
      .rpc();
    await advanceTo(ctx, (await chainTime(ctx)) + TEST_PARAMS.unbondingSeconds + 1);
    const h1 = await balance(ctx, hTokens);
    await ctx.nodeStaking.methods
      .withdrawUndelegated()
      .accountsPartial(payout)
      .signers([holderKp])
      .rpc();
    expect(await balance(ctx, hTokens)).to.equal(h1 + tokens(100));
    const opAcc = { operator: operator.publicKey, node, vault, destination: opTokens, ...common };
    await ctx.nodeStaking.methods
      .withdrawUnstaked()
      .accountsPartial(opAcc)
      .signers([operator])
      .rpc();
    await ctx.nodeStaking.methods
      .claimOperatorRewards()
      .accountsPartial(opAcc)
      .signers([operator])
      .rpc();
    n = await ctx.nodeStaking.account.node.fetch(node);
    const dust = big(n.rewardReserve);
    await ctx.nodeStaking.methods
      .closeNode()
      .accountsPartial({ operator: operator.publicKey, node, vault, treasury, ...common })
      .signers([operator])
      .rpc();
    expect(await ctx.connection.getAccountInfo(vault)).to.equal(null);
    expect(await balance(ctx, treasury)).to.equal(tokens(200) + dust);
    // Every token is accounted for: operator 1000 − 300 + 100 back + 3.1 reward.
    expect(await balance(ctx, opTokens)).to.equal(tokens(1_000) - tokens(200) + tokens(4) - net);
  });
});
