// Admin powers: parameter changes (validated, evented), two-step handover,
// pause (matured withdrawals still work), and spec tiers.
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { fundedKeypair, lastTransaction } from "../helpers/context";
import {
  advanceTo,
  allocateTierId,
  big,
  bn,
  configUpdate,
  createTier,
  ensureProtocol,
  pda,
  Protocol,
  registerNode,
  stakeIx,
  TEST_PARAMS,
  tokens,
  updateTierIx,
} from "../helpers/staking";
import { balance, createMint, fundTokenAccount } from "../helpers/tokens";

describe("node_staking: admin", () => {
  let p: Protocol;

  before(async () => {
    p = await ensureProtocol();
  });

  const update = (
    changes: Record<string, unknown>,
    admin?: Keypair,
    newTreasury: PublicKey | null = null,
  ) => {
    const m = p.ctx.nodeStaking.methods
      .updateConfig(configUpdate(changes))
      .accountsPartial({ admin: admin?.publicKey ?? p.ctx.payer.publicKey, newTreasury });
    return admin ? m.signers([admin]) : m;
  };

  it("changes parameters and logs each change with its old and new value", async () => {
    await update({ minDelegation: bn(tokens(2)) }).rpc();
    const logs = (await lastTransaction(p.ctx)).logs;
    const events = logs.filter((l) => l.startsWith("Program data: "));
    expect(events.length).to.equal(1);
    const decoded = p.ctx.nodeStaking.coder.events.decode(events[0].slice("Program data: ".length));
    expect(decoded?.name).to.equal("configParamChanged");
    expect(decoded?.data.param).to.deep.equal({ minDelegation: {} });
    expect(big(decoded?.data.old)).to.equal(tokens(1));
    expect(big(decoded?.data.new)).to.equal(tokens(2));
    expect(big((await p.ctx.nodeStaking.account.config.fetch(p.config)).minDelegation)).to.equal(
      tokens(2),
    );
    await update({ minDelegation: bn(tokens(1)) }).rpc();
  });

  it("moves the treasury only to a token account of the stake mint", async () => {
    const newTreasury = await fundTokenAccount(
      p.ctx,
      p.stakeMint,
      Keypair.generate().publicKey,
      0n,
    );
    await update({}, undefined, newTreasury).rpc();
    expect((await p.ctx.nodeStaking.account.config.fetch(p.config)).treasury.toBase58()).to.equal(
      newTreasury.toBase58(),
    );
    const otherMint = await createMint(p.ctx, 9);
    const wrong = await fundTokenAccount(p.ctx, otherMint, p.ctx.payer.publicKey, 0n);
    const before = await snapshot(p.ctx, [p.config]);
    await expectAnchorError(update({}, undefined, wrong).rpc(), "TreasuryMintMismatch");
    await expectUnchanged(p.ctx, before);
    await update({}, undefined, p.treasury).rpc();
  });

  for (const [label, changes, error] of [
    ["a zero minimum stake", { minProviderStake: bn(0n) }, "InvalidMinProviderStake"],
    ["a zero minimum delegation", { minDelegation: bn(0n) }, "InvalidMinDelegation"],
    ["a zero slash limit", { maxSlashPerEpoch: bn(0n) }, "InvalidSlashLimit"],
    ["a zero unbonding period", { unbondingSeconds: 0 }, "InvalidUnbondingPeriod"],
    [
      "an unbonding period over 365 days",
      { unbondingSeconds: 365 * 86400 + 1 },
      "InvalidUnbondingPeriod",
    ],
    ["a zero epoch", { epochSeconds: 0 }, "InvalidEpochLength"],
    ["an uptime over 100 %", { minUptimeBps: 10_001 }, "InvalidBps"],
    ["zero low epochs", { maxLowEpochs: 0 }, "InvalidMaxLowEpochs"],
  ] as const) {
    it(`rejects ${label} with ${error}`, async () => {
      const before = await snapshot(p.ctx, [p.config]);
      await expectAnchorError(update(changes as Record<string, unknown>).rpc(), error);
      await expectUnchanged(p.ctx, before);
    });
  }

  it("rejects parameter changes, pause and tier changes from anyone but the admin", async () => {
    const stranger = await fundedKeypair(p.ctx);
    const before = await snapshot(p.ctx, [p.config]);
    await expectAnchorError(update({ minDelegation: bn(1n) }, stranger).rpc(), "Unauthorized");
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .setPaused(true)
        .accountsPartial({ admin: stranger.publicKey })
        .signers([stranger])
        .rpc(),
      "Unauthorized",
    );
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .proposeAdmin(stranger.publicKey)
        .accountsPartial({ admin: stranger.publicKey })
        .signers([stranger])
        .rpc(),
      "Unauthorized",
    );
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .createSpecTier({
          tierId: 7,
          name: "X",
          maxNodeStake: bn(1n),
          minProviderStake: bn(0n),
          maxDelegatedBps: 0,
        })
        .accountsPartial({ admin: stranger.publicKey })
        .signers([stranger])
        .rpc(),
      "Unauthorized",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("an existing tier: a stranger is refused as a stranger (Unauthorized), the admin by the System program (already in use)", async () => {
    const tierId = await createTier(p, { maxNodeStake: tokens(1000) });
    const stranger = await fundedKeypair(p.ctx);
    const again = (admin: Keypair) =>
      p.ctx.nodeStaking.methods
        .createSpecTier({
          tierId,
          name: "AGAIN",
          maxNodeStake: bn(tokens(5)),
          minProviderStake: bn(0n),
          maxDelegatedBps: 0,
        })
        .accountsPartial({ admin: admin.publicKey })
        .signers([admin]);
    const before = await snapshot(p.ctx, [pda.tier(p.ctx, tierId)]);
    // The account checks (has_one = admin) run before the tier is created.
    await expectAnchorError(again(stranger).rpc(), "Unauthorized");
    await expectFailureWithLog(again(p.ctx.payer).rpc(), "already in use");
    await expectUnchanged(p.ctx, before);
  });

  it("hands over the admin in two steps; the old admin loses its rights", async () => {
    const next = await fundedKeypair(p.ctx);
    const impostor = await fundedKeypair(p.ctx);
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .acceptAdmin()
        .accountsPartial({ newAdmin: next.publicKey })
        .signers([next])
        .rpc(),
      "NoPendingAdmin",
    );
    await p.ctx.nodeStaking.methods
      .proposeAdmin(next.publicKey)
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .rpc();
    let cfg = await p.ctx.nodeStaking.account.config.fetch(p.config);
    expect(cfg.pendingAdmin.toBase58()).to.equal(next.publicKey.toBase58());
    expect(cfg.admin.toBase58()).to.equal(p.ctx.payer.publicKey.toBase58());
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .acceptAdmin()
        .accountsPartial({ newAdmin: impostor.publicKey })
        .signers([impostor])
        .rpc(),
      "NotPendingAdmin",
    );
    await p.ctx.nodeStaking.methods
      .acceptAdmin()
      .accountsPartial({ newAdmin: next.publicKey })
      .signers([next])
      .rpc();
    cfg = await p.ctx.nodeStaking.account.config.fetch(p.config);
    expect(cfg.admin.toBase58()).to.equal(next.publicKey.toBase58());
    expect(cfg.pendingAdmin.toBase58()).to.equal(PublicKey.default.toBase58());
    await expectAnchorError(update({ minDelegation: bn(tokens(1)) }).rpc(), "Unauthorized");
    // Hand it back so the other suites keep their admin.
    await p.ctx.nodeStaking.methods
      .proposeAdmin(p.ctx.payer.publicKey)
      .accountsPartial({ admin: next.publicKey })
      .signers([next])
      .rpc();
    await p.ctx.nodeStaking.methods
      .acceptAdmin()
      .accountsPartial({ newAdmin: p.ctx.payer.publicKey })
      .rpc();
  });

  it("pause blocks inflows and state changes but not matured withdrawals", async () => {
    const tierId = await createTier(p, { maxNodeStake: tokens(1000) });
    const n = await registerNode(p, tierId, { stake: tokens(200) });
    await p.ctx.nodeStaking.methods
      .requestUnstake(bn(tokens(50)))
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    const readyAt = (
      await p.ctx.nodeStaking.account.node.fetch(n.node)
    ).providerUnbondingReadyAt.toNumber();
    await p.ctx.nodeStaking.methods
      .setPaused(true)
      .accountsPartial({ admin: p.ctx.payer.publicKey })
      .rpc();
    try {
      const before = await snapshot(p.ctx, [n.node, n.vault, n.operatorTokens]);
      await expectAnchorError(stakeIx(p, n, tokens(1)).rpc(), "Paused");
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .requestUnstake(bn(tokens(1)))
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc(),
        "Paused",
      );
      await expectAnchorError(
        p.ctx.nodeStaking.methods
          .setCommission(1)
          .accountsPartial({ operator: n.operator.publicKey, node: n.node })
          .signers([n.operator])
          .rpc(),
        "Paused",
      );
      await expectUnchanged(p.ctx, before);
      await advanceTo(p.ctx, readyAt);
      const wallet = await balance(p.ctx, n.operatorTokens);
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
      expect(await balance(p.ctx, n.operatorTokens)).to.equal(wallet + tokens(50));
    } finally {
      await p.ctx.nodeStaking.methods
        .setPaused(false)
        .accountsPartial({ admin: p.ctx.payer.publicKey })
        .rpc();
    }
  });

  describe("spec tiers", () => {
    it("creates and updates a tier with every field, logging old and new values", async () => {
      const tierId = await createTier(p, {
        name: "H100-80GB",
        maxNodeStake: tokens(16_000),
        minProviderStake: tokens(200),
        maxDelegatedBps: 5000,
      });
      let tier = await p.ctx.nodeStaking.account.specTier.fetch(pda.tier(p.ctx, tierId));
      expect(tier.tierId).to.equal(tierId);
      expect(Buffer.from(tier.name).toString("utf8").replace(/\0+$/, "")).to.equal("H100-80GB");
      expect(big(tier.maxNodeStake)).to.equal(tokens(16_000));
      expect(big(tier.minProviderStake)).to.equal(tokens(200));
      expect(tier.maxDelegatedBps).to.equal(5000);
      expect(tier.active).to.equal(true);
      await updateTierIx(p, pda.tier(p.ctx, tierId), {
        maxNodeStake: tokens(20_000),
        maxDelegatedBps: 4000,
      }).rpc();
      tier = await p.ctx.nodeStaking.account.specTier.fetch(pda.tier(p.ctx, tierId));
      expect(big(tier.maxNodeStake)).to.equal(tokens(20_000));
      expect(tier.maxDelegatedBps).to.equal(4000);
      const ev = (await lastTransaction(p.ctx)).logs.find((l) => l.startsWith("Program data: "))!;
      const decoded = p.ctx.nodeStaking.coder.events.decode(ev.slice("Program data: ".length));
      expect(decoded?.name).to.equal("specTierUpdated");
      expect(big(decoded?.data.oldMaxNodeStake)).to.equal(tokens(16_000));
      expect(big(decoded?.data.newMaxNodeStake)).to.equal(tokens(20_000));
    });

    for (const [label, args, error] of [
      ["an empty name", { name: "" }, "InvalidTierName"],
      ["a 25-byte name", { name: "X".repeat(25) }, "InvalidTierName"],
      ["a zero cap", { maxNodeStake: bn(0n) }, "InvalidTierCap"],
      [
        "a cap below the tier minimum",
        { maxNodeStake: bn(tokens(200)), minProviderStake: bn(tokens(200) + 1n) },
        "TierCapBelowMinimum",
      ],
      [
        "a cap below the config minimum",
        { maxNodeStake: bn(tokens(100) - 1n) },
        "TierCapBelowMinimum",
      ],
      [
        "a cap above u64::MAX / 1000",
        { maxNodeStake: bn(2n ** 64n / 1000n + 1n) },
        "InvalidTierCap",
      ],
      ["a delegated share over 100 %", { maxDelegatedBps: 10_001 }, "InvalidBps"],
    ] as const) {
      it(`rejects a tier with ${label}`, async () => {
        const tierId = allocateTierId();
        const before = await snapshot(p.ctx, [pda.tier(p.ctx, tierId)]);
        await expectAnchorError(
          p.ctx.nodeStaking.methods
            .createSpecTier(
              Object.assign(
                {
                  tierId,
                  name: "OK",
                  maxNodeStake: bn(tokens(10)),
                  minProviderStake: bn(0n),
                  maxDelegatedBps: 5000,
                },
                args,
              ) as never,
            )
            .accountsPartial({ admin: p.ctx.payer.publicKey })
            .rpc(),
          error,
        );
        await expectUnchanged(p.ctx, before);
      });
    }
  });

  after(async () => {
    // Leave the shared chain with the suites' parameters.
    await update({ unbondingSeconds: TEST_PARAMS.unbondingSeconds }).rpc();
  });
});
