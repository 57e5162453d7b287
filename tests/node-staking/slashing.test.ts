// Slashing: evidence-keyed replay protection, provider-first then pro-rata
// allocation (unbonding stake included), clamping, jailing, the renter share,
// the per-epoch circuit breaker, and O(1) cost in the number of delegators.
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { createHash } from "crypto";
import { expect } from "chai";

import {
  expectAnchorError,
  expectFailureWithLog,
  expectUnchanged,
  snapshot,
} from "../helpers/assertions";
import { eventsNamed, parseEvents } from "../../app/src";
import { lastTransaction } from "../helpers/context";
import { nativeKeypair } from "../helpers/litesvm-provider";
import { recordCase } from "../helpers/cu-log";
import {
  advanceTo,
  big,
  bn,
  configUpdate,
  createTier,
  delegateIx,
  ensureProtocol,
  holder,
  Holder,
  NodeHandle,
  pda,
  payoutAccounts,
  Protocol,
  registerNode,
  tokens,
} from "../helpers/staking";
import { balance } from "../helpers/tokens";

type Reason = "dataLeak" | "qosFailure" | "other";

let evidenceCounter = 0;
const evidence = (): Buffer =>
  createHash("sha256")
    .update(`evidence-${Date.now()}-${Math.random()}-${evidenceCounter++}`)
    .digest();

describe("node_staking: slashing", () => {
  let p: Protocol;
  let tierId: number;

  before(async () => {
    p = await ensureProtocol();
    tierId = await createTier(p, { maxNodeStake: tokens(100_000), maxDelegatedBps: 5000 });
  });

  const fetchNode = (n: NodeHandle) => p.ctx.nodeStaking.account.node.fetch(n.node);

  function slashIx(
    n: NodeHandle,
    args: {
      evidence?: Buffer;
      reason?: Reason;
      fractionBps: number;
      renterShareBps?: number;
      renterTokens?: PublicKey | null;
      authority?: Keypair;
    },
  ) {
    const ev = args.evidence ?? evidence();
    const authority = args.authority;
    const m = p.ctx.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(ev),
        reason: { [args.reason ?? "qosFailure"]: {} } as never,
        fractionBps: args.fractionBps,
        renterShareBps: args.renterShareBps ?? 0,
      })
      .accountsPartial({
        authority: authority?.publicKey ?? p.ctx.payer.publicKey,
        payer: p.ctx.payer.publicKey,
        node: n.node,
        slashRecord: pda.slash(p.ctx, n.node, ev),
        vault: n.vault,
        treasury: p.treasury,
        renterTokens: args.renterTokens ?? null,
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      });
    return authority ? m.signers([authority]) : m;
  }

  it("takes the provider first, then delegated and unbonding stake pro-rata; the unbonding delegator gets the rest", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(200) });
    const a = await holder(p);
    const b = await holder(p);
    await delegateIx(p, n, a, tokens(60)).rpc();
    await delegateIx(p, n, b, tokens(40)).rpc();
    await p.ctx.nodeStaking.methods
      .undelegate(bn(tokens(40)))
      .accountsPartial({ signer: b.kp.publicKey, delegator: b.kp.publicKey, node: n.node })
      .signers([b.kp])
      .rpc();
    await p.ctx.nodeStaking.methods
      .requestUnstake(bn(tokens(50)))
      .accountsPartial({ operator: n.operator.publicKey, node: n.node })
      .signers([n.operator])
      .rpc();
    // provider 150 + unbonding 50, pool 60, delegated unbonding 40 = 300.
    const treasuryBefore = await balance(p.ctx, p.treasury);
    const ev = evidence();
    await slashIx(n, { evidence: ev, fractionBps: 8000 }).rpc(); // 240
    const node = await fetchNode(n);
    expect(big(node.providerStake)).to.equal(0n);
    expect(big(node.providerUnbonding)).to.equal(0n);
    expect(big(node.poolTokens)).to.equal(tokens(36)); // 60 − 24
    expect(big(node.unbondingTokens)).to.equal(tokens(24)); // 40 − 16
    expect(big(node.totalSlashed)).to.equal(tokens(240));
    expect(await balance(p.ctx, p.treasury)).to.equal(treasuryBefore + tokens(240));
    expect(await balance(p.ctx, n.vault)).to.equal(tokens(60));
    const record = await p.ctx.nodeStaking.account.slashRecord.fetch(pda.slash(p.ctx, n.node, ev));
    expect(big(record.amount)).to.equal(tokens(240));
    expect(record.fractionBps).to.equal(8000);
    expect(record.reason).to.deep.equal({ qosFailure: {} });

    // B's 40 unbonding tokens were caught by the slash: B withdraws 24.
    const d = await p.ctx.nodeStaking.account.delegation.fetch(
      pda.delegation(p.ctx, n.node, b.kp.publicKey),
    );
    await advanceTo(p.ctx, d.unbondingReadyAt.toNumber());
    const bWallet = await balance(p.ctx, b.tokens);
    await p.ctx.nodeStaking.methods
      .withdrawUndelegated()
      .accountsPartial(payoutAccounts(p, n, b))
      .signers([b.kp])
      .rpc();
    expect(await balance(p.ctx, b.tokens)).to.equal(bWallet + tokens(24));
  });

  it("the same evidence cannot be used twice", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(100) });
    const ev = evidence();
    await slashIx(n, { evidence: ev, fractionBps: 100 }).rpc();
    const before = await snapshot(p.ctx, [n.node, n.vault, p.treasury]);
    await expectFailureWithLog(
      slashIx(n, { evidence: ev, fractionBps: 100 }).rpc(),
      "already in use",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("a 100 % slash twice never underflows; a data leak jails the node", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(300) });
    const h = await holder(p);
    await delegateIx(p, n, h, tokens(100)).rpc();
    await slashIx(n, { fractionBps: 10_000, reason: "dataLeak" }).rpc();
    // Below the minimum and jailed in one slash: one status event for the net
    // change, Active -> Jailed (not Active -> Pending, then Pending -> Jailed).
    const programs = { nodeStaking: p.ctx.nodeStaking, rentalEscrow: p.ctx.rentalEscrow };
    const events = parseEvents(programs as never, (await lastTransaction(p.ctx)).logs);
    const statusChanges = eventsNamed(events, "nodeStaking", "nodeStatusChanged");
    expect(statusChanges.map((e) => [e.old, e.new])).to.deep.equal([
      [{ active: {} }, { jailed: {} }],
    ]);
    let node = await fetchNode(n);
    expect(big(node.providerStake) + big(node.poolTokens)).to.equal(0n);
    expect(node.status).to.deep.equal({ jailed: {} });
    expect(await balance(p.ctx, n.vault)).to.equal(0n);
    const ev = evidence();
    await slashIx(n, { evidence: ev, fractionBps: 10_000 }).rpc();
    node = await fetchNode(n);
    expect(big(node.totalSlashed)).to.equal(tokens(400));
    const record = await p.ctx.nodeStaking.account.slashRecord.fetch(pda.slash(p.ctx, n.node, ev));
    expect(big(record.amount)).to.equal(0n);
    // The wiped pool started a new generation: its old shares hold nothing,
    // count as stale until settled, and anyone may settle them.
    expect(big(node.poolShares)).to.equal(0n);
    expect(node.poolGeneration).to.equal(1);
    expect(big(node.stalePoolShares)).to.equal(tokens(100));
    await expectAnchorError(
      p.ctx.nodeStaking.methods
        .undelegate(bn(tokens(100)))
        .accountsPartial({ signer: h.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
        .signers([h.kp])
        .rpc(),
      "InsufficientShares",
    );
    await p.ctx.nodeStaking.methods
      .settleDelegation()
      .accountsPartial({ signer: p.ctx.payer.publicKey, delegator: h.kp.publicKey, node: n.node })
      .rpc();
    node = await fetchNode(n);
    expect(big(node.stalePoolShares)).to.equal(0n);
    const d = await p.ctx.nodeStaking.account.delegation.fetch(
      pda.delegation(p.ctx, n.node, h.kp.publicKey),
    );
    expect(big(d.shares)).to.equal(0n);
    expect(d.poolGeneration).to.equal(1);
  });

  it("sends the renter's share to the renter's token account", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(1000) });
    const renter = await holder(p, 0n);
    const treasuryBefore = await balance(p.ctx, p.treasury);
    await slashIx(n, {
      fractionBps: 1000,
      renterShareBps: 3000,
      renterTokens: renter.tokens,
      authority: p.rentalAuthority,
    }).rpc();
    expect(await balance(p.ctx, renter.tokens)).to.equal(tokens(30));
    expect(await balance(p.ctx, p.treasury)).to.equal(treasuryBefore + tokens(70));
  });

  it("rejects strangers, bad fractions, a missing renter account and paused slashing", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(100) });
    const before = await snapshot(p.ctx, [n.node, n.vault, p.treasury]);
    const stranger = Keypair.generate();
    if (p.ctx.svm) p.ctx.svm.airdrop(stranger.publicKey, BigInt(LAMPORTS_PER_SOL));
    else
      await p.ctx.provider.sendAndConfirm(
        new Transaction().add(
          SystemProgram.transfer({
            fromPubkey: p.ctx.payer.publicKey,
            toPubkey: stranger.publicKey,
            lamports: LAMPORTS_PER_SOL,
          }),
        ),
      );
    await expectAnchorError(
      slashIx(n, { fractionBps: 100, authority: stranger }).rpc(),
      "NotSlashAuthority",
    );
    await expectAnchorError(slashIx(n, { fractionBps: 0 }).rpc(), "InvalidSlashFraction");
    await expectAnchorError(slashIx(n, { fractionBps: 10_001 }).rpc(), "InvalidSlashFraction");
    await expectAnchorError(
      slashIx(n, { fractionBps: 100, renterShareBps: 10 }).rpc(),
      "RenterAccountRequired",
    );
    await expectUnchanged(p.ctx, before);
  });

  it("the per-epoch circuit breaker bounds the total slashed", async () => {
    const n = await registerNode(p, tierId, { stake: tokens(1000) });
    // An absolute cap of 10 tokens rejects an 11-token slash whatever this
    // epoch already slashed and whether or not the epoch rolls over meanwhile.
    await p.ctx.nodeStaking.methods
      .updateConfig(configUpdate({ maxSlashPerEpoch: bn(tokens(10)) }))
      .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
      .rpc();
    try {
      const before = await snapshot(p.ctx, [n.node, n.vault, p.treasury]);
      await expectAnchorError(slashIx(n, { fractionBps: 110 }).rpc(), "SlashLimitExceeded"); // 11
      await expectUnchanged(p.ctx, before);
    } finally {
      await p.ctx.nodeStaking.methods
        .updateConfig(configUpdate({ maxSlashPerEpoch: bn(tokens(1_000_000)) }))
        .accountsPartial({ admin: p.ctx.payer.publicKey, newTreasury: null })
        .rpc();
    }
  });

  /**
   * Sends `txs` (built lazily), up to 64 in flight on a validator (each
   * next one as soon as one lands). LiteSVM runs one at a time anyway and
   * expires the blockhash after each transaction.
   */
  async function sendConcurrently(txs: (() => Promise<[Transaction, Keypair[]]>)[]): Promise<void> {
    const width = p.ctx.svm ? 1 : 64;
    let next = 0;
    const lane = async () => {
      while (next < txs.length) {
        const [tx, signers] = await txs[next++]();
        await p.ctx.provider.sendAndConfirm(tx, signers);
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
  }

  /** `count` funded holders, created 6 per transaction. */
  async function manyHolders(count: number, amount: bigint): Promise<Holder[]> {
    const out: Holder[] = [];
    const txs: (() => Promise<[Transaction, Keypair[]]>)[] = [];
    for (let i = 0; i < count; i += 6) {
      const batch = Array.from({ length: Math.min(6, count - i) }, () => nativeKeypair());
      const tx = new Transaction();
      for (const kp of batch) {
        const ata = getAssociatedTokenAddressSync(p.stakeMint, kp.publicKey);
        tx.add(
          SystemProgram.transfer({
            fromPubkey: p.ctx.payer.publicKey,
            toPubkey: kp.publicKey,
            lamports: LAMPORTS_PER_SOL / 100,
          }),
          createAssociatedTokenAccountIdempotentInstruction(
            p.ctx.payer.publicKey,
            ata,
            kp.publicKey,
            p.stakeMint,
          ),
          createMintToInstruction(p.stakeMint, ata, p.ctx.payer.publicKey, amount),
        );
        out.push({ kp, tokens: ata });
      }
      txs.push(async () => [tx, []]);
    }
    await sendConcurrently(txs);
    return out;
  }

  // Delegations are shares of one pool, so a slash touches the node and its
  // vault only. Both costs go to the CU log for `make bench` (1 vs 1 000).
  it("costs the same with 1 delegator and with 1 000 (O(1) in delegators)", async function () {
    const many = 1000;
    this.timeout(1_200_000);
    const units: number[] = [];
    for (const count of [1, many]) {
      const n = await registerNode(p, tierId, {
        fundTokens: tokens(50_000),
        stake: tokens(50_000),
      });
      const holders = await manyHolders(count, tokens(1));
      const delegations: (() => Promise<[Transaction, Keypair[]]>)[] = [];
      for (let i = 0; i < holders.length; i += 4) {
        const batch = holders.slice(i, i + 4);
        delegations.push(async () => {
          const tx = new Transaction();
          for (const h of batch) tx.add(await delegateIx(p, n, h, tokens(1)).instruction());
          return [tx, batch.map((h) => h.kp)];
        });
      }
      await sendConcurrently(delegations);
      expect(big((await fetchNode(n)).poolShares)).to.equal(tokens(count));
      // The record's canonical bump search costs ~1.5k CU per miss; pick
      // evidence whose bump is found first time so only the slash differs.
      let ev = evidence();
      while (
        PublicKey.findProgramAddressSync(
          [Buffer.from("slash"), n.node.toBuffer(), ev],
          p.ctx.nodeStaking.programId,
        )[1] !== 255
      )
        ev = evidence();
      await slashIx(n, { evidence: ev, fractionBps: 500 }).rpc();
      const cu = (await lastTransaction(p.ctx)).computeUnits;
      units.push(cu);
      const who = count === 1 ? "1 delegator" : `${count.toLocaleString("en-US")} delegators`;
      recordCase("node_staking", "slash", `5 % of a node with ${who}`, cu);
    }
    const [one, lots] = units;
    expect(Math.abs(lots - one) / one, `1 delegator: ${one} CU, ${many}: ${lots} CU`).to.be.at.most(
      0.02,
    );
  });
});
