// node_staking fixtures shared by the suites: the protocol config (created if
// this chain has none), spec tiers, nodes, funded wallets and the chain clock.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SYSVAR_CLOCK_PUBKEY, Transaction } from "@solana/web3.js";
import { Clock } from "litesvm";

import { firstCheapId } from "../../app/src/pdas";
import { BACKEND, createContext, fundIxs, TestContext } from "./context";
import { createMint, fundedWallet, fundTokenAccount, fundTokenAccountIxs } from "./tokens";
import { wallStats } from "./wall-stats";

/**
 * A length of time (seconds) that a test waits out: `liteSvm` on LiteSVM,
 * where advanceTo sets the clock at no cost (realistic lengths, exact-second
 * boundaries), and `validator` on a validator, where every second of it
 * passes in real time (a few seconds).
 */
export const secs = (liteSvm: number, validator: number): number =>
  BACKEND === "validator" ? validator : liteSvm;

export const DECIMALS = 9;
/** Base units of `n` whole tokens (n may be fractional, e.g. 0.5). */
export const tokens = (n: number): bigint =>
  BigInt(Math.round(n * 1e6)) * 10n ** BigInt(DECIMALS - 6);
export const bn = (v: bigint | number): BN => new BN(v.toString());
export const big = (v: BN | number): bigint => BigInt(v.toString());

function seed(ctx: TestContext, name: string): Buffer {
  const c = ctx.nodeStaking.idl.constants.find((k) => k.name === name);
  if (!c) throw new Error(`constant ${name} missing from the node_staking IDL`);
  return Buffer.from(JSON.parse(c.value) as number[]);
}

export const pda = {
  config: (ctx: TestContext) =>
    PublicKey.findProgramAddressSync([seed(ctx, "configSeed")], ctx.nodeStaking.programId)[0],
  tier: (ctx: TestContext, id: number) => {
    const le = Buffer.alloc(2);
    le.writeUInt16LE(id);
    return PublicKey.findProgramAddressSync(
      [seed(ctx, "specTierSeed"), le],
      ctx.nodeStaking.programId,
    )[0];
  },
  node: (ctx: TestContext, operator: PublicKey, nodeId: bigint) => {
    const le = Buffer.alloc(8);
    le.writeBigUInt64LE(nodeId);
    return PublicKey.findProgramAddressSync(
      [seed(ctx, "nodeSeed"), operator.toBuffer(), le],
      ctx.nodeStaking.programId,
    )[0];
  },
  vault: (ctx: TestContext, node: PublicKey) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "vaultSeed"), node.toBuffer()],
      ctx.nodeStaking.programId,
    )[0],
  /** The first node id >= `from` whose node and vault have bump 255 (the SDK's `cheapNodeId`). */
  cheapNodeId: (ctx: TestContext, operator: PublicKey, from: bigint): bigint =>
    firstCheapId(
      ctx.nodeStaking.programId,
      from,
      (id) => {
        const le = Buffer.alloc(8);
        le.writeBigUInt64LE(id);
        return [seed(ctx, "nodeSeed"), operator.toBuffer(), le];
      },
      seed(ctx, "vaultSeed"),
    ),
  delegation: (ctx: TestContext, node: PublicKey, delegator: PublicKey) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "delegationSeed"), node.toBuffer(), delegator.toBuffer()],
      ctx.nodeStaking.programId,
    )[0],
  slash: (ctx: TestContext, node: PublicKey, evidence: Buffer) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "slashSeed"), node.toBuffer(), evidence],
      ctx.nodeStaking.programId,
    )[0],
};

export interface Protocol {
  ctx: TestContext;
  config: PublicKey;
  stakeMint: PublicKey;
  treasury: PublicKey;
  /** Signs for the rental authority in tests (rental_escrow's PDA in production). */
  rentalAuthority: Keypair;
}

/**
 * Parameters the staking suites run with (short periods so the validator can
 * wait them out). Epochs are 2 s on a validator: the tests that need
 * consecutive epochs wait for the one after the node's last credit
 * (`nextCreditableEpoch`), so a late credit cannot skip one. The unbonding
 * period stays 4 s on both backends (tests/sdk/cli.test.ts expects it).
 */
export const TEST_PARAMS = {
  unbondingSeconds: 4,
  epochSeconds: secs(3, 2),
  minUptimeBps: 9000,
  maxLowEpochs: 3,
};

/**
 * The protocol on this chain: initialised here if missing (fresh LiteSVM
 * world), else reused (the validator, after initialize.test.ts); then set to
 * TEST_PARAMS with a test rental authority. The payer is the admin.
 */
export async function ensureProtocol(existing?: TestContext): Promise<Protocol> {
  const ctx = existing ?? (await createContext());
  const config = pda.config(ctx);
  let cfg = await ctx.nodeStaking.account.config.fetchNullable(config);
  if (!cfg) {
    const stakeMint = await createMint(ctx, DECIMALS);
    const treasury = await fundTokenAccount(ctx, stakeMint, ctx.payer.publicKey, 0n);
    await ctx.nodeStaking.methods
      .initialize({ minProviderStake: null, unbondingSeconds: null })
      .accountsPartial({
        admin: ctx.payer.publicKey,
        stakeMint,
        treasury,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
    cfg = await ctx.nodeStaking.account.config.fetch(config);
  }
  const rentalAuthority = Keypair.generate();
  await ctx.nodeStaking.methods
    .updateConfig({
      minProviderStake: bn(tokens(100)),
      minDelegation: bn(tokens(1)),
      maxSlashPerEpoch: bn(tokens(1_000_000)),
      unbondingSeconds: TEST_PARAMS.unbondingSeconds,
      epochSeconds: TEST_PARAMS.epochSeconds,
      minUptimeBps: TEST_PARAMS.minUptimeBps,
      maxLowEpochs: TEST_PARAMS.maxLowEpochs,
      slashAuthority: ctx.payer.publicKey,
      rewardAuthority: ctx.payer.publicKey,
      rentalAuthority: rentalAuthority.publicKey,
    })
    .accountsPartial({ admin: ctx.payer.publicKey, newTreasury: null })
    .rpc();
  if (cfg.paused) {
    await ctx.nodeStaking.methods
      .setPaused(false)
      .accountsPartial({ admin: ctx.payer.publicKey })
      .rpc();
  }
  return { ctx, config, stakeMint: cfg.stakeMint, treasury: cfg.treasury, rentalAuthority };
}

/** update_config arguments: every field null (unchanged) except those given. */
export function configUpdate(changes: Record<string, unknown>) {
  return {
    minProviderStake: null,
    minDelegation: null,
    maxSlashPerEpoch: null,
    unbondingSeconds: null,
    epochSeconds: null,
    minUptimeBps: null,
    maxLowEpochs: null,
    slashAuthority: null,
    rewardAuthority: null,
    rentalAuthority: null,
    ...changes,
  } as never;
}

let nextTierId = 1000 + Math.floor(Math.random() * 60000);

export interface TierParams {
  name?: string;
  maxNodeStake: bigint;
  minProviderStake?: bigint;
  maxDelegatedBps?: number;
}

/** A new spec tier with a fresh id (the chain may be shared). */
/**
 * A tier id no other test of this run uses: every test takes its tier ids
 * from this one counter (a random id could collide with one already created
 * on the shared validator).
 */
export function allocateTierId(): number {
  return nextTierId++ % 65536;
}

export async function createTier(p: Protocol, params: TierParams): Promise<number> {
  const tierId = allocateTierId();
  await p.ctx.nodeStaking.methods
    .createSpecTier({
      tierId,
      name: params.name ?? `TEST-${tierId}`,
      maxNodeStake: bn(params.maxNodeStake),
      minProviderStake: bn(params.minProviderStake ?? 0n),
      maxDelegatedBps: params.maxDelegatedBps ?? 5000,
    })
    .accountsPartial({ admin: p.ctx.payer.publicKey })
    .rpc();
  return tierId;
}

export interface NodeHandle {
  operator: Keypair;
  nodeId: bigint;
  node: PublicKey;
  vault: PublicKey;
  tierId: number;
  tier: PublicKey;
  /** The operator's stake-token account (funded). */
  operatorTokens: PublicKey;
}

export interface RegisterOptions {
  operator?: Keypair;
  priceMicroUsd?: bigint;
  commissionBps?: number;
  region?: "americas" | "europe" | "asia" | "other";
  gpuCount?: number;
  fundTokens?: bigint;
  /** Stake this much in the same transaction (default: none). */
  stake?: bigint;
}

export const region = (r: RegisterOptions["region"]) =>
  ({
    americas: { americas: {} },
    europe: { europe: {} },
    asia: { asia: {} },
    other: { other: {} },
  })[r ?? "americas"] as never;

/**
 * Registers a node in `tierId` for a fresh (or given) operator with funded
 * tokens (and `opts.stake` staked): one transaction, which also funds a fresh
 * operator's SOL.
 */
export async function registerNode(
  p: Protocol,
  tierId: number,
  opts: RegisterOptions = {},
): Promise<NodeHandle> {
  const { ctx } = p;
  const operator = opts.operator ?? Keypair.generate();
  const nodeId = pda.cheapNodeId(
    ctx,
    operator.publicKey,
    BigInt(Math.floor(Math.random() * 2 ** 48)),
  );
  const node = pda.node(ctx, operator.publicKey, nodeId);
  const funded = fundTokenAccountIxs(
    ctx,
    p.stakeMint,
    operator.publicKey,
    opts.fundTokens ?? tokens(10_000),
  );
  const tx = new Transaction().add(
    ...(opts.operator ? [] : fundIxs(ctx, operator.publicKey)),
    ...funded.ixs,
    await ctx.nodeStaking.methods
      .registerNode({
        nodeId: bn(nodeId),
        gpuCount: opts.gpuCount ?? 8,
        region: region(opts.region),
        priceMicroUsdPerHour: bn(opts.priceMicroUsd ?? 1_000_000n),
        qosAddons: [],
        commissionBps: opts.commissionBps ?? 1000,
      })
      .accountsPartial({
        operator: operator.publicKey,
        specTier: pda.tier(ctx, tierId),
        stakeMint: p.stakeMint,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .instruction(),
  );
  const n: NodeHandle = {
    operator,
    nodeId,
    node,
    vault: pda.vault(ctx, node),
    tierId,
    tier: pda.tier(ctx, tierId),
    operatorTokens: funded.ata,
  };
  if (opts.stake) {
    // The node does not exist yet: name its tier (Anchor would read it from the node).
    tx.add(await stakeIx(p, n, opts.stake).accountsPartial({ specTier: n.tier }).instruction());
  }
  await ctx.provider.sendAndConfirm(tx, [operator]);
  return n;
}

/** The admin's update_spec_tier of `tier` (its address); fields left out stay as they are. */
export function updateTierIx(
  p: Protocol,
  tier: PublicKey,
  change: {
    maxNodeStake?: bigint;
    minProviderStake?: bigint;
    maxDelegatedBps?: number;
    active?: boolean;
  },
) {
  return p.ctx.nodeStaking.methods
    .updateSpecTier({
      maxNodeStake: change.maxNodeStake === undefined ? null : bn(change.maxNodeStake),
      minProviderStake: change.minProviderStake === undefined ? null : bn(change.minProviderStake),
      maxDelegatedBps: change.maxDelegatedBps ?? null,
      active: change.active ?? null,
    })
    .accountsPartial({ admin: p.ctx.payer.publicKey, specTier: tier });
}

export function stakeIx(p: Protocol, n: NodeHandle, amount: bigint) {
  return p.ctx.nodeStaking.methods
    .stake(bn(amount))
    .accountsPartial({
      operator: n.operator.publicKey,
      node: n.node,
      vault: n.vault,
      operatorTokens: n.operatorTokens,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([n.operator]);
}

export interface Holder {
  kp: Keypair;
  tokens: PublicKey;
}

/** A funded wallet holding `amount` stake tokens (one transaction). */
export async function holder(p: Protocol, amount: bigint = tokens(10_000)): Promise<Holder> {
  return fundedWallet(p.ctx, p.stakeMint, amount);
}

export function delegateIx(p: Protocol, n: NodeHandle, h: Holder, amount: bigint) {
  return p.ctx.nodeStaking.methods
    .delegate(bn(amount))
    .accountsPartial({
      delegator: h.kp.publicKey,
      node: n.node,
      vault: n.vault,
      delegatorTokens: h.tokens,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([h.kp]);
}

export function payoutAccounts(p: Protocol, n: NodeHandle, h: Holder) {
  return {
    signer: h.kp.publicKey,
    delegator: h.kp.publicKey,
    node: n.node,
    vault: n.vault,
    destination: h.tokens,
    stakeMint: p.stakeMint,
    tokenProgram: TOKEN_PROGRAM_ID,
  };
}

/** The chain's Clock::slot. */
export async function chainSlot(ctx: TestContext): Promise<number> {
  if (ctx.svm) return Number(ctx.svm.getClock().slot);
  return ctx.connection.getSlot("confirmed");
}

/** The chain's Clock::unix_timestamp. */
export async function chainTime(ctx: TestContext): Promise<number> {
  if (ctx.svm) return Number(ctx.svm.getClock().unixTimestamp);
  const acc = await ctx.connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY, "confirmed");
  return Number(acc!.data.readBigInt64LE(32));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Brings the chain clock to `unix` (or later). LiteSVM: set exactly. Validator:
 * wait for real time to pass; fails if the chain is already past `exactly`.
 */
export async function advanceTo(ctx: TestContext, unix: number): Promise<void> {
  if (ctx.svm) {
    const c = ctx.svm.getClock();
    if (BigInt(unix) > c.unixTimestamp) {
      ctx.svm.setClock(
        new Clock(c.slot + 1n, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, BigInt(unix)),
      );
    }
    return;
  }
  const start = Date.now();
  for (let i = 0; i < 1200 && (await chainTime(ctx)) < unix; i++) await sleep(100);
  wallStats.waitMs += Date.now() - start;
  if ((await chainTime(ctx)) < unix) throw new Error(`validator clock did not reach ${unix}`);
}

/** True when the chain clock can be set to an exact second (LiteSVM). */
export const exactClock = (ctx: TestContext): boolean => ctx.svm !== undefined;

/**
 * Runs independent setup steps and returns their results in order: one after
 * another on LiteSVM (its provider expires the blockhash after every send, so
 * sends must not interleave), concurrently on a validator.
 */
export async function independently<T extends unknown[]>(
  ctx: TestContext,
  ...steps: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  if (ctx.svm) {
    const out: unknown[] = [];
    for (const step of steps) out.push(await step());
    return out as T;
  }
  return (await Promise.all(steps.map((step) => step()))) as T;
}

/** The current protocol epoch. */
export async function currentEpoch(p: Protocol): Promise<number> {
  return Math.floor((await chainTime(p.ctx)) / TEST_PARAMS.epochSeconds);
}

/**
 * Waits for (or warps to) the start of the epoch right after the last one
 * credited to `n`, and returns it: a credit for it is adjacent to the last
 * however late that one landed.
 */
export async function nextCreditableEpoch(p: Protocol, n: NodeHandle): Promise<number> {
  const until = (await p.ctx.nodeStaking.account.node.fetch(n.node)).rewardedUntil.toNumber();
  const epoch = Math.ceil(until / TEST_PARAMS.epochSeconds);
  await advanceTo(p.ctx, epoch * TEST_PARAMS.epochSeconds);
  return epoch;
}

/**
 * Waits for (or warps past) the unbonding period of every unbonding request
 * sent so far (each is ready `unbondingSeconds` after it executed).
 */
export async function waitOutUnbonding(ctx: TestContext): Promise<void> {
  await advanceTo(ctx, (await chainTime(ctx)) + TEST_PARAMS.unbondingSeconds);
}

export { createContext };

// ---- builders shared by the regression and account-check suites ----------

export function creditIx(
  p: Protocol,
  n: NodeHandle,
  source: PublicKey,
  epoch: number | bigint,
  uptimeBps: number,
  amount: bigint,
) {
  return p.ctx.nodeStaking.methods
    .creditRewards({ epoch: bn(BigInt(epoch)), uptimeBps, amount: bn(amount) })
    .accountsPartial({
      rewardAuthority: p.ctx.payer.publicKey,
      node: n.node,
      vault: n.vault,
      source,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    });
}

/** claim_rewards of `h`'s delegation to `h`'s account, signed by `signer` (default `h`). */
export function claimRewardsIx(p: Protocol, n: NodeHandle, h: Holder, signer: Holder = h) {
  return p.ctx.nodeStaking.methods
    .claimRewards()
    .accountsPartial({ ...payoutAccounts(p, n, h), signer: signer.kp.publicKey })
    .signers([signer.kp]);
}

export function claimOperatorIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods
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
}

export function undelegateIx(p: Protocol, n: NodeHandle, h: Holder, shares: bigint) {
  return p.ctx.nodeStaking.methods
    .undelegate(bn(shares))
    .accountsPartial({ signer: h.kp.publicKey, delegator: h.kp.publicKey, node: n.node })
    .signers([h.kp]);
}

export function withdrawUndelegatedIx(p: Protocol, n: NodeHandle, h: Holder) {
  return p.ctx.nodeStaking.methods
    .withdrawUndelegated()
    .accountsPartial(payoutAccounts(p, n, h))
    .signers([h.kp]);
}

export function requestUnstakeIx(p: Protocol, n: NodeHandle, amount: bigint) {
  return p.ctx.nodeStaking.methods
    .requestUnstake(bn(amount))
    .accountsPartial({ operator: n.operator.publicKey, node: n.node })
    .signers([n.operator]);
}

export function withdrawUnstakedIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods
    .withdrawUnstaked()
    .accountsPartial({
      operator: n.operator.publicKey,
      node: n.node,
      vault: n.vault,
      destination: n.operatorTokens,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([n.operator]);
}

export function closeNodeIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods
    .closeNode()
    .accountsPartial({
      operator: n.operator.publicKey,
      node: n.node,
      vault: n.vault,
      treasury: p.treasury,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([n.operator]);
}

export function closeDelegationIx(p: Protocol, n: NodeHandle, h: Holder) {
  return p.ctx.nodeStaking.methods
    .closeDelegation()
    .accountsPartial({
      delegator: h.kp.publicKey,
      node: n.node,
      delegation: pda.delegation(p.ctx, n.node, h.kp.publicKey),
    })
    .signers([h.kp]);
}

export function settleIx(p: Protocol, n: NodeHandle, h: Holder) {
  return p.ctx.nodeStaking.methods
    .settleDelegation()
    .accountsPartial({ signer: p.ctx.payer.publicKey, delegator: h.kp.publicKey, node: n.node });
}

export function refreshIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods.refreshNode().accountsPartial({ node: n.node });
}

export function setPausedIx(p: Protocol, paused: boolean) {
  return p.ctx.nodeStaking.methods
    .setPaused(paused)
    .accountsPartial({ admin: p.ctx.payer.publicKey });
}

/** A random 32-byte evidence hash. */
export const evidence = (): Buffer =>
  Buffer.from(Array.from({ length: 32 }, () => Math.floor(Math.random() * 256)));

export function slashIx(
  p: Protocol,
  n: NodeHandle,
  opts: {
    fractionBps: number;
    evidence?: Buffer;
    reason?: "dataLeak" | "qosFailure" | "other";
    authority?: Keypair;
    renterShareBps?: number;
    renterTokens?: PublicKey;
  },
) {
  const ev = opts.evidence ?? evidence();
  const authority = opts.authority ?? p.ctx.payer;
  const b = p.ctx.nodeStaking.methods
    .slash({
      evidenceHash: Array.from(ev),
      reason: { [opts.reason ?? "qosFailure"]: {} } as never,
      fractionBps: opts.fractionBps,
      renterShareBps: opts.renterShareBps ?? 0,
    })
    .accountsPartial({
      authority: authority.publicKey,
      payer: p.ctx.payer.publicKey,
      node: n.node,
      slashRecord: pda.slash(p.ctx, n.node, ev),
      vault: n.vault,
      treasury: p.treasury,
      renterTokens: opts.renterTokens ?? null,
      stakeMint: p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    });
  return authority === p.ctx.payer ? b : b.signers([authority]);
}

/** Lock (or unlock) a node as the test rental authority. */
export function lockIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods
    .lockNode()
    .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
    .signers([p.rentalAuthority]);
}
export function unlockIx(p: Protocol, n: NodeHandle) {
  return p.ctx.nodeStaking.methods
    .unlockNode()
    .accountsPartial({ rentalAuthority: p.rentalAuthority.publicKey, node: n.node })
    .signers([p.rentalAuthority]);
}

/**
 * The reward ledger of one node, mirrored in BigInt exactly as the program
 * keeps it (state/node.rs, state/delegation.rs): shares earn
 * `shares × (acc − checkpoint) + carry` in base units × 10^12; what a credit
 * cannot spread waits in the remainder.
 */
export const REWARD_SCALE = 1_000_000_000_000n;
export class RewardLedger {
  acc = 0n;
  remainder = 0n;
  poolShares = 0n;
  poolTokens = 0n;
  operator = 0n;
  reserve = 0n;
  readonly d = new Map<string, { shares: bigint; ckpt: bigint; carry: bigint; pending: bigint }>();

  private get(k: string) {
    let e = this.d.get(k);
    if (!e) {
      e = { shares: 0n, ckpt: this.acc, carry: 0n, pending: 0n };
      this.d.set(k, e);
    }
    return e;
  }
  settle(k: string): void {
    const e = this.get(k);
    const earned = e.shares * (this.acc - e.ckpt) + e.carry;
    e.pending += earned / REWARD_SCALE;
    e.carry = earned % REWARD_SCALE;
    e.ckpt = this.acc;
  }
  /** Tokens in, shares out (pool price ≤ 1). */
  delegate(k: string, amount: bigint): bigint {
    this.settle(k);
    const shares = this.poolShares === 0n ? amount : (amount * this.poolShares) / this.poolTokens;
    this.poolTokens += amount;
    this.poolShares += shares;
    this.get(k).shares += shares;
    return shares;
  }
  /** Shares out of the active pool; returns the tokens they were worth. */
  undelegate(k: string, shares: bigint): bigint {
    this.settle(k);
    const tokens = (shares * this.poolTokens) / this.poolShares;
    this.poolTokens -= tokens;
    this.poolShares -= shares;
    this.get(k).shares -= shares;
    return tokens;
  }
  credit(amount: bigint, providerStake: bigint, commissionBps: bigint): void {
    const stake = providerStake + this.poolTokens;
    const gross = (amount * this.poolTokens) / stake;
    const net = gross - (gross * commissionBps) / 10_000n;
    if (net > 0n) {
      const total = net * REWARD_SCALE + this.remainder;
      const inc = total / this.poolShares;
      this.remainder = total % this.poolShares;
      this.acc += inc;
    }
    this.operator += amount - net;
    this.reserve += amount;
  }
  claim(k: string): bigint {
    this.settle(k);
    const e = this.get(k);
    const amount = e.pending;
    e.pending = 0n;
    this.reserve -= amount;
    return amount;
  }
  claimOperator(): bigint {
    const a = this.operator;
    this.operator = 0n;
    this.reserve -= a;
    return a;
  }
}
