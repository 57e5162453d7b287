// Every account check of node_staking, broken on every instruction that has
// it: another node's vault, another mint, the other token program, the node's
// own vault as a destination, another treasury, another tier's account (the
// cap-bypass attempt), extra remaining accounts, accounts the handlers
// create at other than their canonical PDA, and the pause. Each case
// asserts the error by name and that no account changed.
import { expect } from "chai";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";

import { expectAnchorError, expectUnchanged, snapshot } from "../helpers/assertions";
import {
  allocateTierId,
  bn,
  createTier,
  creditIx,
  currentEpoch,
  delegateIx,
  ensureProtocol,
  evidence,
  holder,
  Holder,
  independently,
  NodeHandle,
  pda,
  Protocol,
  registerNode,
  setPausedIx,
  tokens,
  undelegateIx,
  waitOutUnbonding,
} from "../helpers/staking";
import { createMint, fundTokenAccount } from "../helpers/tokens";

type Overrides = Record<string, PublicKey | null>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Builder = (o?: Overrides) => any;

describe("node_staking: account checks on every instruction", () => {
  let p: Protocol;
  let n: NodeHandle;
  let other: NodeHandle;
  let h: Holder;
  let source: PublicKey;
  let otherMint: PublicKey;
  let otherMintTokens: PublicKey;
  let otherTierId: number;
  let builders: Record<string, Builder>;

  before(async () => {
    p = await ensureProtocol();
    const tierId = await createTier(p, { maxNodeStake: tokens(10_000), maxDelegatedBps: 5000 });
    otherTierId = await createTier(p, { maxNodeStake: tokens(100_000), maxDelegatedBps: 10_000 });
    [n, other, h, source, otherMint] = await independently(
      p.ctx,
      () => registerNode(p, tierId, { stake: tokens(500) }),
      () => registerNode(p, tierId, { stake: tokens(100) }),
      () => holder(p),
      () => fundTokenAccount(p.ctx, p.stakeMint, p.ctx.payer.publicKey, tokens(1_000)),
      () => createMint(p.ctx, 9),
    );
    otherMintTokens = await fundTokenAccount(p.ctx, otherMint, p.ctx.payer.publicKey, tokens(10));
    await delegateIx(p, n, h, tokens(100)).rpc();
    await creditIx(p, n, source, await currentEpoch(p), 10_000, tokens(6)).rpc();
    await undelegateIx(p, n, h, tokens(10)).rpc();
    await p.ctx.nodeStaking.methods
      .requestUnstake(bn(tokens(10)))
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    await waitOutUnbonding(p.ctx);

    const op =
      (name: string, args: unknown[], accounts: Overrides, signers: unknown[]) =>
      (o: Overrides = {}) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        (p.ctx.nodeStaking.methods as any)
          [name](...args)
          .accountsPartial({ ...accounts, ...o })
          .signers(signers);
    const tokenAccounts = { stakeMint: p.stakeMint, tokenProgram: TOKEN_PROGRAM_ID };
    const payout = {
      signer: h.kp.publicKey,
      delegator: h.kp.publicKey,
      node: n.node,
      vault: n.vault,
      destination: h.tokens,
      ...tokenAccounts,
    };
    builders = {
      stake: op(
        "stake",
        [bn(tokens(1))],
        {
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          operatorTokens: n.operatorTokens,
          ...tokenAccounts,
        },
        [n.operator],
      ),
      withdrawUnstaked: op(
        "withdrawUnstaked",
        [],
        {
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          destination: n.operatorTokens,
          ...tokenAccounts,
        },
        [n.operator],
      ),
      delegate: op(
        "delegate",
        [bn(tokens(1))],
        {
          delegator: h.kp.publicKey,
          node: n.node,
          vault: n.vault,
          delegatorTokens: h.tokens,
          ...tokenAccounts,
        },
        [h.kp],
      ),
      withdrawUndelegated: op("withdrawUndelegated", [], payout, [h.kp]),
      claimRewards: op("claimRewards", [], payout, [h.kp]),
      claimOperatorRewards: op(
        "claimOperatorRewards",
        [],
        {
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          destination: n.operatorTokens,
          ...tokenAccounts,
        },
        [n.operator],
      ),
      creditRewards: (o: Overrides = {}) =>
        creditIx(p, n, source, 0, 10_000, tokens(1)).accountsPartial(o),
      slash: (o: Overrides = {}) => {
        const ev = evidence();
        return p.ctx.nodeStaking.methods
          .slash({
            evidenceHash: Array.from(ev),
            reason: { qosFailure: {} } as never,
            fractionBps: 1,
            renterShareBps: 0,
          })
          .accountsPartial({
            authority: p.ctx.payer.publicKey,
            payer: p.ctx.payer.publicKey,
            node: n.node,
            slashRecord: pda.slash(p.ctx, n.node, ev),
            vault: n.vault,
            treasury: p.treasury,
            renterTokens: null,
            ...tokenAccounts,
            ...o,
          });
      },
      closeNode: op(
        "closeNode",
        [],
        {
          operator: n.operator.publicKey,
          node: n.node,
          vault: n.vault,
          treasury: p.treasury,
          ...tokenAccounts,
        },
        [n.operator],
      ),
      registerNode: (o: Overrides = {}) => {
        const nodeId = BigInt(Math.floor(Math.random() * 2 ** 40));
        return p.ctx.nodeStaking.methods
          .registerNode({
            nodeId: bn(nodeId),
            gpuCount: 1,
            region: { asia: {} } as never,
            priceMicroUsdPerHour: bn(1n),
            qosAddons: [],
            commissionBps: 0,
          })
          .accountsPartial({
            operator: n.operator.publicKey,
            specTier: n.tier,
            ...tokenAccounts,
            ...o,
          })
          .signers([n.operator]);
      },
    };
  });

  const watched = () =>
    snapshot(p.ctx, [
      n.node,
      n.vault,
      other.node,
      other.vault,
      h.tokens,
      n.operatorTokens,
      pda.delegation(p.ctx, n.node, h.kp.publicKey),
      p.config,
      p.treasury,
    ]);
  async function refused(action: Promise<unknown>, error: string): Promise<void> {
    const before = await watched();
    await expectAnchorError(action, error);
    await expectUnchanged(p.ctx, before);
  }

  for (const ix of [
    "stake",
    "withdrawUnstaked",
    "delegate",
    "withdrawUndelegated",
    "claimRewards",
    "claimOperatorRewards",
    "creditRewards",
    "slash",
    "closeNode",
  ]) {
    it(`${ix}: another node's vault is refused (VaultMismatch)`, async () => {
      await refused(builders[ix]({ vault: other.vault }).rpc(), "VaultMismatch");
    });
    it(`${ix}: the Token-2022 program is refused for an SPL Token protocol (TokenProgramMismatch)`, async () => {
      await refused(
        builders[ix]({ tokenProgram: TOKEN_2022_PROGRAM_ID }).rpc(),
        "TokenProgramMismatch",
      );
    });
    it(`${ix}: another mint is refused (MintMismatch)`, async () => {
      await refused(builders[ix]({ stakeMint: otherMint }).rpc(), "MintMismatch");
    });
  }

  it("registerNode: another mint and the other token program are refused", async () => {
    await refused(builders.registerNode({ stakeMint: otherMint }).rpc(), "MintMismatch");
    // The node and its vault are created by the handler, after the
    // accounts' checks: the token program is refused by name.
    await refused(
      builders.registerNode({ tokenProgram: TOKEN_2022_PROGRAM_ID }).rpc(),
      "TokenProgramMismatch",
    );
  });

  for (const ix of [
    "withdrawUnstaked",
    "withdrawUndelegated",
    "claimRewards",
    "claimOperatorRewards",
  ]) {
    it(`${ix}: the node's own vault as the destination is refused (DestinationIsVault)`, async () => {
      await refused(builders[ix]({ destination: n.vault }).rpc(), "DestinationIsVault");
    });
    it(`${ix}: a destination of another mint is refused (MintMismatch)`, async () => {
      await refused(builders[ix]({ destination: otherMintTokens }).rpc(), "MintMismatch");
    });
  }

  it("requestUnstake and refreshNode: another tier's account is refused (TierMismatch)", async () => {
    const otherTier = pda.tier(p.ctx, otherTierId);
    await refused(
      p.ctx.nodeStaking.methods
        .requestUnstake(bn(1n))
        .accountsPartial({ operator: n.operator.publicKey, node: n.node, specTier: otherTier })
        .signers([n.operator])
        .rpc(),
      "TierMismatch",
    );
    await refused(
      p.ctx.nodeStaking.methods
        .refreshNode()
        .accountsPartial({ node: n.node, specTier: otherTier })
        .rpc(),
      "TierMismatch",
    );
  });

  // The payers' token accounts are read without unpacking them: the mint
  // check keeps its name for another mint and for an account the token
  // program does not own.
  for (const [ix, account, error] of [
    ["stake", "operatorTokens", "MintMismatch"],
    ["delegate", "delegatorTokens", "MintMismatch"],
    ["creditRewards", "source", "RewardAccountMismatch"],
  ] as const) {
    it(`${ix}: a paying token account of another mint is refused (${error})`, async () => {
      await refused(builders[ix]({ [account]: otherMintTokens }).rpc(), error);
    });
    it(`${ix}: a paying account the token program does not own is refused (${error})`, async () => {
      await refused(builders[ix]({ [account]: n.node }).rpc(), error);
    });
  }

  // Accounts the handlers create themselves (no Anchor init): only the
  // canonical PDA of their seeds is accepted.
  it("registerNode: a node or vault other than the canonical PDA is refused (ConstraintSeeds)", async () => {
    await refused(builders.registerNode({ node: other.node }).rpc(), "ConstraintSeeds");
    await refused(
      builders.registerNode({ vault: Keypair.generate().publicKey }).rpc(),
      "ConstraintSeeds",
    );
  });
  it("delegate: a new delegation other than the canonical PDA is refused (ConstraintSeeds)", async () => {
    const fresh = await holder(p);
    await refused(
      delegateIx(p, n, fresh, tokens(1))
        .accountsPartial({ delegation: Keypair.generate().publicKey })
        .rpc(),
      "ConstraintSeeds",
    );
  });
  it("delegate: someone else's delegation is refused (DelegationMismatch)", async () => {
    const fresh = await holder(p);
    await refused(
      delegateIx(p, n, fresh, tokens(1))
        .accountsPartial({ delegation: pda.delegation(p.ctx, n.node, h.kp.publicKey) })
        .rpc(),
      "DelegationMismatch",
    );
  });
  it("delegate: a node_staking account of another type as the delegation is refused (AccountDiscriminatorMismatch)", async () => {
    await refused(builders.delegate({ delegation: n.node }).rpc(), "AccountDiscriminatorMismatch");
  });
  it("delegate: an account of another program as the delegation is refused (AccountOwnedByWrongProgram)", async () => {
    await refused(builders.delegate({ delegation: n.vault }).rpc(), "AccountOwnedByWrongProgram");
  });
  // The handlers create these accounts themselves; as with Anchor's init,
  // lamports someone sent to the address first cannot block the creation.
  it("a spec tier whose address was pre-funded is still created (create_spec_tier creates it itself)", async () => {
    const tierId = allocateTierId();
    const tier = pda.tier(p.ctx, tierId);
    await p.ctx.provider.sendAndConfirm(
      new Transaction().add(
        SystemProgram.transfer({
          fromPubkey: p.ctx.payer.publicKey,
          toPubkey: tier,
          lamports: 1_000_000,
        }),
      ),
    );
    await p.ctx.nodeStaking.methods
      .createSpecTier({
        tierId,
        name: "PREFUNDED",
        maxNodeStake: bn(tokens(1000)),
        minProviderStake: bn(0n),
        maxDelegatedBps: 5000,
      })
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .rpc();
    const created = await p.ctx.nodeStaking.account.specTier.fetch(tier);
    expect(created.tierId).to.equal(tierId);
    expect(created.active).to.equal(true);
    const info = await p.ctx.provider.connection.getAccountInfo(tier);
    expect(info!.owner.toBase58()).to.equal(p.ctx.nodeStaking.programId.toBase58());
  });

  it("a node, vault, delegation and slash record whose address was pre-funded are still created", async () => {
    const fund = (...to: PublicKey[]) =>
      p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          ...to.map((toPubkey) =>
            SystemProgram.transfer({
              fromPubkey: p.ctx.payer.publicKey,
              toPubkey,
              lamports: 1_000_000,
            }),
          ),
        ),
      );
    const nodeId = BigInt(Math.floor(Math.random() * 2 ** 40));
    const node = pda.node(p.ctx, n.operator.publicKey, nodeId);
    const vault = pda.vault(p.ctx, node);
    const fresh = await holder(p);
    const delegation = pda.delegation(p.ctx, n.node, fresh.kp.publicKey);
    const ev = evidence();
    const record = pda.slash(p.ctx, n.node, ev);
    await fund(node, vault, delegation, record);
    await p.ctx.nodeStaking.methods
      .registerNode({
        nodeId: bn(nodeId),
        gpuCount: 1,
        region: { asia: {} } as never,
        priceMicroUsdPerHour: bn(1n),
        qosAddons: [],
        commissionBps: 0,
      })
      .accountsPartial({
        operator: n.operator.publicKey,
        specTier: n.tier,
        node,
        vault,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .signers([n.operator])
      .rpc();
    expect((await p.ctx.nodeStaking.account.node.fetch(node)).nodeId.toString()).to.equal(
      nodeId.toString(),
    );
    expect((await p.ctx.provider.connection.getAccountInfo(vault))!.owner.toBase58()).to.equal(
      TOKEN_PROGRAM_ID.toBase58(),
    );
    await delegateIx(p, n, fresh, tokens(1)).rpc();
    expect(
      (await p.ctx.nodeStaking.account.delegation.fetch(delegation)).shares.toString(),
    ).to.not.equal("0");
    await p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev),
        reason: { qosFailure: {} } as never,
        fractionBps: 1,
        renterShareBps: 0,
      })
      .accountsPartial({
        authority: p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: n.node,
        slashRecord: record,
        vault: n.vault,
        treasury: p.treasury,
        renterTokens: null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    expect((await p.ctx.nodeStaking.account.slashRecord.fetch(record)).fractionBps).to.equal(1);
  });

  it("slash: a record other than the canonical PDA is refused (ConstraintSeeds)", async () => {
    await refused(
      builders.slash({ slashRecord: Keypair.generate().publicKey }).rpc(),
      "ConstraintSeeds",
    );
  });

  it("creditRewards: a funding account of another mint is refused (RewardAccountMismatch)", async () => {
    await refused(
      builders.creditRewards({ source: otherMintTokens }).rpc(),
      "RewardAccountMismatch",
    );
  });

  for (const ix of ["slash", "closeNode"]) {
    it(`${ix}: a treasury other than the config's is refused (WrongTreasury)`, async () => {
      const fake = await fundTokenAccount(p.ctx, p.stakeMint, h.kp.publicKey, 0n);
      await refused(builders[ix]({ treasury: fake }).rpc(), "WrongTreasury");
    });
  }

  for (const ix of ["stake", "delegate", "withdrawUnstaked", "creditRewards", "slash"]) {
    it(`${ix}: another tier's account (a bigger cap) is refused (TierMismatch)`, async () => {
      await refused(builders[ix]({ specTier: pda.tier(p.ctx, otherTierId) }).rpc(), "TierMismatch");
    });
  }

  for (const ix of Object.keys({
    stake: 0,
    withdrawUnstaked: 0,
    delegate: 0,
    withdrawUndelegated: 0,
    claimRewards: 0,
    claimOperatorRewards: 0,
    creditRewards: 0,
    slash: 0,
    closeNode: 0,
    registerNode: 0,
  })) {
    it(`${ix}: unexpected remaining accounts are refused`, async () => {
      await refused(
        builders[ix]()
          .remainingAccounts([
            { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
          ])
          .rpc(),
        "UnexpectedRemainingAccounts",
      );
    });
  }

  it("while paused: every inflow, new unbonding, credit, claim and lock is refused (Paused)", async () => {
    const paused: [string, () => Promise<unknown>][] = [
      ["stake", () => builders.stake().rpc()],
      ["delegate", () => builders.delegate().rpc()],
      ["claimRewards", () => builders.claimRewards().rpc()],
      ["claimOperatorRewards", () => builders.claimOperatorRewards().rpc()],
      ["creditRewards", () => builders.creditRewards().rpc()],
      ["registerNode", () => builders.registerNode().rpc()],
      ["undelegate", () => undelegateIx(p, n, h, 1_000n).rpc()],
      [
        "requestUnstake",
        () =>
          p.ctx.nodeStaking.methods
            .requestUnstake(bn(1n))
            .accountsPartial({ operator: n.operator.publicKey, node: n.node })
            .signers([n.operator])
            .rpc(),
      ],
      [
        "updatePricing",
        () =>
          p.ctx.nodeStaking.methods
            .updatePricing({ priceMicroUsdPerHour: bn(2n), qosAddons: [] })
            .accountsPartial({ operator: n.operator.publicKey, node: n.node })
            .signers([n.operator])
            .rpc(),
      ],
      [
        "setCommission",
        () =>
          p.ctx.nodeStaking.methods
            .setCommission(5)
            .accountsPartial({ operator: n.operator.publicKey, node: n.node })
            .signers([n.operator])
            .rpc(),
      ],
      [
        "lockNode",
        () =>
          p.ctx.nodeStaking.methods
            .lockNode()
            .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
            .signers([p.rentalAuthority])
            .rpc(),
      ],
    ];
    await setPausedIx(p, true).rpc();
    try {
      for (const [name, run] of paused) {
        const before = await watched();
        await expectAnchorError(run(), "Paused").catch((e: Error) => {
          throw new Error(`${name}: ${e.message}`);
        });
        await expectUnchanged(p.ctx, before);
      }
    } finally {
      await setPausedIx(p, false).rpc();
    }
  });
});
