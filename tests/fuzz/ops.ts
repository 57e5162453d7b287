// Random markets and operation sequences over every instruction of both
// programs, run against the real programs and the reference model
// (model.ts): each operation's outcome (success, or the named error) and
// every balance and stored counter are compared exactly, the invariants are
// checked after each step, and every run ends with a full drain.
import { createTransferCheckedInstruction, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY, TransactionInstruction } from "@solana/web3.js";
import * as crypto from "crypto";
import fc from "fast-check";

import { RentalModel } from "../helpers/escrow";
import { bnOf, Chain, freshKey, ixOf, keyId, Outcome, U64_MAX } from "./chain";
import {
  Addon,
  ALREADY_IN_USE,
  BPS,
  cloneState,
  DECIMALS,
  DEFAULT_KEY,
  E_,
  DelegationM,
  Escrow,
  Fail,
  Finding,
  freshNodeFields,
  MAX_POOL_WIPES,
  NodeM,
  quote,
  Reason,
  RentalM,
  requiredMinimum,
  SCALE,
  S_,
  SLASH_RECORD_RETENTION,
  Staking,
  State,
  statusRule,
  U64,
} from "./model";

// ---- operation descriptors (what fast-check generates and shrinks) ----------

/** An awkward amount: resolved against the state when the operation runs. */
export interface Amt {
  k: number;
  r: bigint;
}

export type Op =
  | { t: "stake"; node: number; amt: Amt; other: boolean }
  | { t: "unstake"; node: number; amt: Amt; other: boolean }
  | { t: "withdrawUnstaked"; node: number; other: boolean }
  | { t: "delegate"; node: number; who: number; amt: Amt }
  | { t: "undelegate"; node: number; who: number; amt: Amt; third: boolean }
  | { t: "withdrawUndelegated"; node: number; who: number; third: boolean; destThird: boolean }
  | { t: "claimRewards"; node: number; who: number; third: boolean; destThird: boolean }
  | { t: "closeDelegation"; node: number; who: number }
  | { t: "settle"; node: number; who: number }
  | { t: "credit"; node: number; epochK: number; uptime: number; amt: Amt; other: boolean }
  | { t: "claimOperator"; node: number; other: boolean }
  | {
      t: "slash";
      node: number;
      fraction: number;
      reason: number;
      renterShare: number;
      renterK: number;
      replay: boolean;
      other: boolean;
    }
  | { t: "unjail"; node: number; other: boolean }
  | { t: "refresh"; node: number }
  | { t: "setCommission"; node: number; bps: number; other: boolean }
  | { t: "updatePricing"; node: number; price: Amt; addons: number[]; other: boolean }
  | { t: "closeNode"; node: number; other: boolean }
  | { t: "registerNode"; node: number; tier: number; price: Amt; commission: number; gpu: number }
  | { t: "stakingConfig"; field: number; v: Amt; other: boolean }
  | { t: "tier"; tier: number; field: number; v: Amt; other: boolean }
  | { t: "pause"; escrow: boolean; paused: boolean; other: boolean }
  | { t: "admin"; escrow: boolean; step: number }
  | { t: "directLock"; node: number; unlock: boolean }
  | { t: "closeSlashRecord"; rec: number }
  | {
      t: "rent";
      node: number;
      who: number;
      dur: Amt;
      addons: number[];
      slip: number;
      fresh: boolean;
    }
  | { t: "extend"; rental: number; dur: Amt; slip: number; fresh: boolean; other: boolean }
  | { t: "claimRental"; rental: number; other: boolean }
  | { t: "cancel"; rental: number; other: boolean }
  | { t: "closeRental"; rental: number; closer: number }
  | { t: "dispute"; rental: number; other: boolean }
  | {
      t: "resolve";
      rental: number;
      refund: number;
      payAfter: boolean;
      slash: number;
      fraction: number;
      renterShare: number;
      other: boolean;
    }
  | { t: "escrowConfig"; field: number; v: Amt; other: boolean }
  | { t: "price"; k: number; r: bigint }
  | { t: "warp"; k: number; r: bigint }
  | { t: "donate"; who: number; toRental: boolean; target: number; amt: Amt }
  | { t: "quote"; dur: Amt; rate: Amt; price: Amt; conf: number; expo: number; decimals: number }
  | { t: "probeClose"; rental: number }
  | { t: "reinit"; escrow: boolean; other: boolean }
  | { t: "wipeCycle"; node: number; who: number; fraction: number; amt: Amt }
  | {
      t: "rentCluster";
      legs: { node: number; dur: Amt }[];
      who: number;
      noSysvar: boolean;
      fresh: boolean;
    };

export interface MarketSpec {
  minProviderStake: bigint;
  minDelegation: bigint;
  maxSlashPerEpoch: bigint;
  unbondingSeconds: number;
  epochSeconds: number;
  minUptimeBps: number;
  maxLowEpochs: number;
  feeBps: number;
  holdbackBps: number;
  windowSeconds: number;
  timeoutSeconds: number;
  minRentalSeconds: number;
  maxTotalRentalSeconds: number;
  price: bigint;
  expo: number;
  tiers: { cap: bigint; min: number; bps: number }[];
  nodes: { tier: number; price: bigint; addons: number[]; commission: number; stake: Amt }[];
  wallets: bigint[];
  source: bigint;
  delegations: { node: number; who: number; amt: Amt }[];
  rentals: { node: number; who: number; dur: Amt }[];
}

// ---- arbitraries ------------------------------------------------------------

const u64 = fc.bigInt({ min: 0n, max: U64_MAX });
export const amtArb: fc.Arbitrary<Amt> = fc.record({
  k: fc.constantFrom(0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 5, 6, 7, 7, 7, 8, 8, 8, 8, 8, 8, 8, 8),
  r: u64,
});
const idx = fc.nat({ max: 15 });
/** Durations: mostly within the configured limits (k 8), sometimes at or beyond them. */
const durArb: fc.Arbitrary<Amt> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant(8), r: u64 }) },
  { weight: 1, arbitrary: amtArb },
);
const flag = (p: number) => fc.noBias(fc.integer({ min: 0, max: 99 })).map((x) => x < p);
const addonIds = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 5 });

const big_ = (min: bigint, max: bigint) => fc.bigInt({ min, max });
/** Mostly a sane value, sometimes an awkward one. */
const pickBig = (...xs: (bigint | fc.Arbitrary<bigint>)[]) =>
  fc.oneof(...xs.map((x) => (typeof x === "bigint" ? fc.constant(x) : x)));
/** Setup amounts: usually the exact edge (k 7), sometimes anything. */
const setupAmtArb: fc.Arbitrary<Amt> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant(7), r: u64 }) },
  { weight: 1, arbitrary: amtArb },
);
const distinctAddons = fc.oneof(
  { weight: 8, arbitrary: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: addonIds },
);

export const marketArb: fc.Arbitrary<MarketSpec> = fc.record({
  minProviderStake: pickBig(1n, 1_000_000_000n, 100_000_000_000n, big_(1n, 1_000_000_000_000n)),
  minDelegation: pickBig(1n, 1_000_000_000n, big_(1n, 10_000_000_000n)),
  maxSlashPerEpoch: pickBig(U64, 1_000_000_000_000_000n, big_(1n, 1_000_000_000_000n)),
  unbondingSeconds: fc.constantFrom(1, 4, 60, 3600, 14 * 86_400),
  epochSeconds: fc.constantFrom(1, 3, 60, 3600, 86_400),
  minUptimeBps: fc.constantFrom(0, 5000, 9000, 10_000),
  maxLowEpochs: fc.constantFrom(1, 2, 3),
  feeBps: fc.constantFrom(0, 1, 25, 333, 1000),
  holdbackBps: fc.constantFrom(0, 1, 1000, 5000),
  windowSeconds: fc.constantFrom(1, 10, 3600, 86_400),
  timeoutSeconds: fc.constantFrom(1, 20, 3600, 7 * 86_400),
  minRentalSeconds: fc.constantFrom(1, 60, 3600),
  maxTotalRentalSeconds: fc.constantFrom(3600, 86_400, 90 * 86_400, 365 * 86_400),
  price: pickBig(125_000_000n, big_(1_000_000n, 1_000_000_000_000n)),
  expo: fc.constantFrom(-8, -8, -8, -6, -12, -2, 0),
  tiers: fc.array(
    fc.record({
      cap: pickBig(
        U64 / 1000n,
        10_000_000_000_000_000n,
        1_000_000_000_000_000n,
        big_(1n, 10_000_000_000_000n),
      ),
      min: fc.constantFrom(0, 0, 1, 2),
      bps: fc.constantFrom(0, 1, 2500, 5000, 5000, 9999, 10_000, 10_000),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  nodes: fc.array(
    fc.record({
      tier: idx,
      price: pickBig(1_000_000n, 1n, big_(1n, 1_000_000_000n), 2_000_000_000n),
      addons: distinctAddons,
      commission: fc.constantFrom(0, 1, 1000, 5000, 10_000),
      stake: setupAmtArb,
    }),
    { minLength: 1, maxLength: 4 },
  ),
  wallets: fc.array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: pickBig(
          1_000_000_000_000_000n,
          1n << 60n,
          big_(1_000_000_000_000n, 10_000_000_000_000_000n),
        ),
      },
      { weight: 1, arbitrary: pickBig(0n, 1n, big_(1n, 1_000_000_000n)) },
    ),
    { minLength: 3, maxLength: 5 },
  ),
  source: pickBig(1n << 61n, 1n << 63n, big_(0n, 1n << 61n), 1_000_000_000_000n),
  delegations: fc.array(
    fc.record({
      node: idx,
      who: idx,
      amt: setupAmtArb.map((a) => ({ ...a, k: a.k === 7 ? 8 : a.k })),
    }),
    {
      maxLength: 5,
    },
  ),
  rentals: fc.array(fc.record({ node: idx, who: idx, dur: durArb }), { maxLength: 3 }),
});

const small = fc.nat({ max: 10_000 });
const OPS: { weight: number; arbitrary: fc.Arbitrary<Op> }[] = [
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("stake" as const),
      node: idx,
      amt: amtArb,
      other: flag(5),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("unstake" as const),
      node: idx,
      amt: amtArb,
      other: flag(5),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("withdrawUnstaked" as const),
      node: idx,
      other: flag(5),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({ t: fc.constant("delegate" as const), node: idx, who: idx, amt: amtArb }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("undelegate" as const),
      node: idx,
      who: idx,
      amt: amtArb,
      third: flag(15),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("withdrawUndelegated" as const),
      node: idx,
      who: idx,
      third: flag(20),
      destThird: flag(10),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant("claimRewards" as const),
      node: idx,
      who: idx,
      third: flag(20),
      destThird: flag(10),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("closeDelegation" as const), node: idx, who: idx }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("settle" as const), node: idx, who: idx }) },
  {
    weight: 14,
    arbitrary: fc.record({
      t: fc.constant("credit" as const),
      node: idx,
      epochK: fc.nat({ max: 9 }),
      uptime: fc.constantFrom(0, 8999, 9000, 9500, 10_000, 10_000, 10_000, 10_000, 10_001),
      amt: amtArb,
      other: flag(3),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("claimOperator" as const), node: idx, other: flag(5) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("slash" as const),
      node: idx,
      fraction: fc.constantFrom(0, 1, 7, 100, 3000, 5000, 9990, 9999, 10_000, 10_001),
      reason: fc.nat({ max: 2 }),
      renterShare: fc.constantFrom(0, 0, 1, 5000, 10_000, 10_001),
      renterK: fc.nat({ max: 9 }),
      replay: flag(5),
      other: flag(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("unjail" as const), node: idx, other: flag(10) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("refresh" as const), node: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("setCommission" as const),
      node: idx,
      bps: fc.constantFrom(0, 1, 2500, 10_000, 10_001),
      other: flag(10),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("updatePricing" as const),
      node: idx,
      price: amtArb,
      addons: addonIds,
      other: flag(10),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("closeNode" as const), node: idx, other: flag(5) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("registerNode" as const),
      node: idx,
      tier: idx,
      price: amtArb,
      commission: fc.constantFrom(0, 1000, 10_000, 10_001),
      gpu: fc.constantFrom(0, 1, 8, 1024, 1025),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("stakingConfig" as const),
      field: fc.nat({ max: 7 }),
      v: amtArb,
      other: flag(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("tier" as const),
      tier: idx,
      field: fc.nat({ max: 4 }),
      v: amtArb,
      other: flag(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("pause" as const),
      escrow: fc.boolean(),
      paused: flag(60),
      other: flag(5),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("admin" as const),
      escrow: fc.boolean(),
      step: fc.nat({ max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("directLock" as const),
      node: idx,
      unlock: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("closeSlashRecord" as const), rec: idx }) },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant("rent" as const),
      node: idx,
      who: idx,
      dur: durArb,
      addons: addonIds,
      slip: fc.nat({ max: 9 }),
      fresh: flag(85),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("extend" as const),
      rental: idx,
      dur: durArb,
      slip: fc.nat({ max: 9 }),
      fresh: flag(85),
      other: flag(5),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant("claimRental" as const), rental: idx, other: flag(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("cancel" as const), rental: idx, other: flag(5) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("closeRental" as const),
      rental: idx,
      closer: fc.nat({ max: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("dispute" as const), rental: idx, other: flag(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("resolve" as const),
      rental: idx,
      refund: fc.constantFrom(0, 1, 5000, 9999, 10_000, 10_001),
      payAfter: fc.boolean(),
      slash: fc.nat({ max: 5 }),
      fraction: fc.constantFrom(1, 500, 10_000),
      renterShare: fc.constantFrom(0, 5000, 10_000),
      other: flag(5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("escrowConfig" as const),
      field: fc.nat({ max: 9 }),
      v: amtArb,
      other: flag(5),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant("price" as const), k: fc.nat({ max: 12 }), r: u64 }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      t: fc.constant("warp" as const),
      k: fc.constantFrom(0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9),
      r: u64,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("donate" as const),
      who: idx,
      toRental: fc.boolean(),
      target: idx,
      amt: amtArb,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("quote" as const),
      dur: amtArb,
      rate: amtArb,
      price: amtArb,
      conf: small,
      expo: fc.integer({ min: -20, max: 8 }),
      decimals: fc.integer({ min: 0, max: 13 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("probeClose" as const), rental: idx }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("reinit" as const),
      escrow: fc.boolean(),
      other: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("rentCluster" as const),
      legs: fc.array(fc.record({ node: idx, dur: durArb }), { minLength: 2, maxLength: 3 }),
      who: idx,
      noSysvar: flag(10),
      fresh: flag(85),
    }),
  },
];
const KIND = OPS.map((o) => fc.sample(o.arbitrary, { numRuns: 1, seed: 1 })[0].t);

/**
 * Sequence profiles: the same operations with weights leaning to one part
 * of the market, so that deep states (repeated pool wipes, many credits,
 * rentals with several periods and disputes) are reached in 20 to 60 steps.
 */
const PROFILES: Record<string, Partial<Record<Op["t"], number>>> = {
  balanced: {},
  slashing: {
    wipeCycle: 40,
    slash: 6,
    delegate: 3,
    undelegate: 2,
    withdrawUndelegated: 2,
    settle: 3,
    claimRewards: 1.5,
    rent: 0.3,
    extend: 0.3,
  },
  rewards: {
    credit: 3,
    claimRewards: 3,
    delegate: 2,
    undelegate: 1.5,
    warp: 1.5,
    stakingConfig: 2,
    setCommission: 3,
    closeDelegation: 2,
  },
  rentals: {
    rent: 3,
    rentCluster: 2,
    extend: 5,
    claimRental: 3,
    cancel: 2,
    dispute: 3,
    resolve: 3,
    closeRental: 3,
    price: 2,
    probeClose: 3,
    donate: 2,
    escrowConfig: 2,
  },
};

export const opArb: fc.Arbitrary<Op> = fc.oneof(...OPS);

/** One sequence: a profile, then its operations. */
export const opsArb = (minLength: number, maxLength: number): fc.Arbitrary<Op[]> =>
  fc.constantFrom(...Object.keys(PROFILES)).chain((name) =>
    fc.array(
      fc.oneof(
        ...OPS.map((o, i) => ({
          weight: Math.max(1, Math.round(o.weight * (PROFILES[name][KIND[i]] ?? 1))),
          arbitrary: o.arbitrary,
        })),
      ),
      { minLength, maxLength },
    ),
  );

/**
 * Resolves an awkward amount against the operation's edges (exact limits,
 * balances, ±1) or, for k = 8, a value in the range `fit` that should work.
 */
export function amount(a: Amt, edges: bigint[], fit?: [bigint, bigint]): bigint {
  const e = edges.length ? edges[Number(a.r % BigInt(edges.length))] : 1n;
  if (a.k === 8 && fit && fit[0] <= fit[1] && fit[1] >= 0n) {
    const lo = fit[0] < 0n ? 0n : fit[0];
    return lo + ((a.r >> 3n) % (fit[1] - lo + 1n));
  }
  switch (a.k) {
    case 0:
      return 0n;
    case 1:
      return 1n;
    case 2:
      return (a.r % 1000n) + 1n;
    case 3:
      return (a.r % 1_000_000_000_000n) + 1n;
    case 4:
      return (a.r % 100_000_000_000_000_000n) + 1n;
    case 5: {
      const v = e + (((a.r >> 8n) % 3n) - 1n);
      return v < 0n ? 0n : v > U64 ? U64 : v;
    }
    case 6:
      return U64 - (a.r % 3n);
    default:
      return e < 0n ? 0n : e > U64 ? U64 : e;
  }
}

// ---- one run ------------------------------------------------------------------

const SAMPLE_REASONS: Reason[] = ["qosFailure", "dataLeak", "other"];
const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const REGIONS = [{ americas: {} }, { europe: {} }, { asia: {} }, { other: {} }];

export interface Stats {
  sequences: number;
  ops: number;
  txs: number;
  failuresPredicted: number;
  byOp: Record<string, { ok: number; fail: number }>;
  errors: Record<string, number>;
}
export const newStats = (): Stats => ({
  sequences: 0,
  ops: 0,
  txs: 0,
  failuresPredicted: 0,
  byOp: {},
  errors: {},
});

/** The property failed: what, where, and the trace so far. */
export class PropertyFailure extends Error {}

interface Step {
  label: string;
  /** Applies the operation to the model; throws Fail for a predicted failure. */
  model: (s: State) => void;
  /** The transaction (absent for clock moves and plain transfers done here). */
  ixs?: () => TransactionInstruction[];
  /** Checks the transaction's return data (quote). */
  returned?: (data: Buffer | undefined) => void;
  /** Nodes whose pool price may fall in this step (slashes). */
  slashes?: number[];
}

const keyCache = new Map<string, PublicKey>();
const pk = (s: string): PublicKey => {
  let k = keyCache.get(s);
  if (!k) {
    k = new PublicKey(s);
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
};

export class Run {
  readonly s: State;
  readonly trace: string[] = [];
  private stakingTreasury0: bigint;
  private escrowTreasury0: bigint;
  private basePrice: { price: bigint; conf: bigint; expo: number };
  private rentalSeq = 0;

  constructor(
    readonly chain: Chain,
    readonly stats: Stats,
    readonly verbose = false,
  ) {
    const c = chain;
    const payer = c.payer.toBase58();
    const now = c.now();
    const stakingTreasury = c.newTokenAccount(c.payer, 0n).toBase58();
    const escrowTreasury = c.newTokenAccount(c.payer, 0n).toBase58();
    this.s = {
      now,
      slot: c.slot(),
      payer,
      source: c.newTokenAccount(c.payer, 0n).toBase58(),
      scfg: {
        admin: payer,
        pendingAdmin: DEFAULT_KEY,
        treasury: stakingTreasury,
        minProviderStake: 1n,
        minDelegation: 1n,
        maxSlashPerEpoch: 1n,
        slashEpoch: 0n,
        slashedInEpoch: 0n,
        unbondingSeconds: 1n,
        epochSeconds: 1n,
        minUptimeBps: 0n,
        maxLowEpochs: 1n,
        nodesRegistered: 0n,
        paused: false,
        slashAuthority: payer,
        rewardAuthority: payer,
        rentalAuthority: c.e.rentalAuthority.toBase58(),
      },
      ecfg: {
        admin: payer,
        pendingAdmin: DEFAULT_KEY,
        treasury: escrowTreasury,
        disputeAuthority: payer,
        maxPriceAgeSeconds: 60n,
        maxPriceAgeSlots: 1000n,
        maxConfidenceBps: 200n,
        maxEmaDivergenceBps: 500n,
        reservationFeeBps: 25n,
        claimHoldbackBps: 1000n,
        disputeWindowSeconds: 10n,
        disputeTimeoutSeconds: 20n,
        minRentalSeconds: 60n,
        maxTotalRentalSeconds: 90n * 86_400n,
        paused: false,
      },
      price: {
        price: 0n,
        conf: 0n,
        expo: -8,
        publishTime: 0n,
        publishSlot: 0n,
        ema: 0n,
        trading: false,
      },
      wallets: [],
      tiers: [],
      nodes: [],
      dels: [],
      rentals: [],
      records: [],
      bal: { [stakingTreasury]: 0n, [escrowTreasury]: 0n },
      toStakingTreasury: { slashes: 0n, swept: 0n },
      toEscrowTreasury: { fees: 0n },
      funded: 0n,
    };
    this.s.bal[this.s.source] = 0n;
    this.stakingTreasury0 = 0n;
    this.escrowTreasury0 = 0n;
    this.basePrice = { price: 125_000_000n, conf: 0n, expo: -8 };
  }

  // ---- setup: a fresh market in the shared world ----------------------------

  /** Resets both configs to the market's baseline (fresh treasuries) and builds the market. */
  setup(m: MarketSpec): void {
    const c = this.chain;
    const s = this.s;
    // Read what the shared world holds (the circuit breaker, registrations).
    const cfg = c.decode<Record<string, never>>(c.staking, "config", c.p.config)!;
    s.scfg.slashEpoch = BigInt((cfg.slashEpoch as { toString(): string }).toString());
    s.scfg.slashedInEpoch = BigInt((cfg.slashedInEpoch as { toString(): string }).toString());
    s.scfg.nodesRegistered = BigInt((cfg.nodesRegistered as { toString(): string }).toString());
    // A failed run may have left another admin: hand it back (signatures are not verified).
    const ecfg0 = c.decode<Record<string, never>>(c.escrow, "escrowConfig", c.e.config)!;
    for (const [prog, config, admin] of [
      [c.staking, c.p.config, (cfg.admin as PublicKey).toBase58()],
      [c.escrow, c.e.config, (ecfg0.admin as PublicKey).toBase58()],
    ] as const) {
      if (admin === s.payer) continue;
      this.raw("hand the admin back", [
        ixOf(prog, "proposeAdmin", { proposed: c.payer }, { admin: pk(admin), config }),
        ixOf(prog, "acceptAdmin", {}, { newAdmin: c.payer, config }),
      ]);
    }
    // Baseline (as the payer, the admin of both programs).
    this.raw("reset staking config", [
      ixOf(
        c.staking,
        "updateConfig",
        {
          args: {
            minProviderStake: bnOf(1n),
            minDelegation: bnOf(1n),
            maxSlashPerEpoch: bnOf(1n),
            unbondingSeconds: 1,
            epochSeconds: 1,
            minUptimeBps: 0,
            maxLowEpochs: 1,
            slashAuthority: c.payer,
            rewardAuthority: c.payer,
            rentalAuthority: c.e.rentalAuthority,
          },
        },
        { admin: c.payer, config: c.p.config, newTreasury: pk(s.scfg.treasury) },
      ),
      ixOf(c.staking, "setPaused", { paused: false }, { admin: c.payer, config: c.p.config }),
      ixOf(
        c.staking,
        "proposeAdmin",
        { proposed: PublicKey.default },
        { admin: c.payer, config: c.p.config },
      ),
    ]);
    this.raw("reset escrow config", [
      ixOf(
        c.escrow,
        "updateConfig",
        {
          args: {
            maxPriceAgeSeconds: 60,
            maxPriceAgeSlots: 1000,
            maxConfidenceBps: 200,
            maxEmaDivergenceBps: 500,
            reservationFeeBps: 25,
            claimHoldbackBps: 1000,
            disputeWindowSeconds: 10,
            disputeTimeoutSeconds: 20,
            minRentalSeconds: 60,
            maxTotalRentalSeconds: 90 * 86_400,
            disputeAuthority: c.payer,
            oracle: null,
          },
        },
        { admin: c.payer, config: c.e.config, newTreasury: pk(s.ecfg.treasury) },
      ),
      ixOf(c.escrow, "setPaused", { paused: false }, { admin: c.payer, config: c.e.config }),
      ixOf(
        c.escrow,
        "proposeAdmin",
        { proposed: PublicKey.default },
        { admin: c.payer, config: c.e.config },
      ),
    ]);
    // The epoch-length change above may have moved the breaker's epoch.
    const cfg2 = c.decode<Record<string, never>>(c.staking, "config", c.p.config)!;
    s.scfg.slashEpoch = BigInt((cfg2.slashEpoch as { toString(): string }).toString());

    // Funds: wallets, the reward source.
    const walletCount = m.wallets.length;
    for (let i = 0; i < walletCount; i++) {
      const key = freshKey();
      c.giveSol(key);
      const bal = m.wallets[i];
      const tokens = c.newTokenAccount(key, bal).toBase58();
      s.wallets.push({ key: key.toBase58(), tokens });
      s.bal[tokens] = bal;
      s.funded += bal;
    }
    {
      const data = Buffer.from(c.raw(pk(s.source))!);
      data.writeBigUInt64LE(m.source, 64);
      c.svm.setAccount(pk(s.source), { ...c.svm.getAccount(pk(s.source))!, data });
      s.bal[s.source] = m.source;
      s.funded += m.source;
    }
    this.basePrice = { price: m.price, conf: m.price / 1000n, expo: m.expo };
    this.writeGoodPrice("initial price");

    // Random parameters within (and sometimes outside) their bounds.
    this.stepStakingConfig("market: staking parameters", {
      minProviderStake: m.minProviderStake,
      minDelegation: m.minDelegation,
      maxSlashPerEpoch: m.maxSlashPerEpoch,
      unbondingSeconds: BigInt(m.unbondingSeconds),
      epochSeconds: BigInt(m.epochSeconds),
      minUptimeBps: BigInt(m.minUptimeBps),
      maxLowEpochs: BigInt(m.maxLowEpochs),
    });
    this.stepEscrowConfig("market: escrow parameters", {
      reservationFeeBps: BigInt(m.feeBps),
      claimHoldbackBps: BigInt(m.holdbackBps),
      disputeWindowSeconds: BigInt(m.windowSeconds),
      disputeTimeoutSeconds: BigInt(m.timeoutSeconds),
      minRentalSeconds: BigInt(m.minRentalSeconds),
      maxTotalRentalSeconds: BigInt(m.maxTotalRentalSeconds),
    });
    for (const t of m.tiers) {
      // caps below the minimum are refused (TierCapBelowMinimum) unless raised to it
      const cap =
        t.cap < s.scfg.minProviderStake && t.min !== 1 ? s.scfg.minProviderStake * 4n : t.cap;
      const mn = [0n, s.scfg.minProviderStake, s.scfg.minProviderStake * 2n][t.min];
      this.createTier(cap, mn, BigInt(t.bps));
    }
    for (const n of m.nodes) {
      const i = this.newNodeSlot(s.nodes.length % s.wallets.length);
      this.registerNode(i, n.tier, n.price, n.addons, BigInt(n.commission), 8);
      if (s.nodes[i].exists) {
        const need = requiredMinimum(s, s.nodes[i]);
        this.onNode(i, { t: "stake", node: i, amt: n.stake, other: false }, [need, need * 2n]);
      }
    }
    for (const d of m.delegations)
      this.execOp({ t: "delegate", node: d.node, who: d.who, amt: d.amt });
    for (const r of m.rentals)
      this.execOp({
        t: "rent",
        node: r.node,
        who: r.who,
        dur: r.dur,
        addons: [],
        slip: 9,
        fresh: false,
      });
    this.stakingTreasury0 = s.bal[s.scfg.treasury];
    this.escrowTreasury0 = s.bal[s.ecfg.treasury];
  }

  private newNodeSlot(operator: number): number {
    const s = this.s;
    const opKey = pk(s.wallets[operator].key);
    const nodeId = BigInt(s.nodes.length) + 1n;
    const addr = this.chain.nodePda(opKey, nodeId);
    const n = {
      ...freshNodeFields(),
      addr: addr.toBase58(),
      vault: this.chain.vaultPda(addr).toBase58(),
      operator,
      nodeId,
      exists: false,
      tier: 0,
      gpuCount: 8,
      region: 0,
      price: 1n,
      addons: [],
      pendingCommissionBps: 0n,
      commissionBps: 0n,
      rewardedUntil: 0n,
      registeredAt: 0n,
      incarnation: 0n,
    } as unknown as NodeM;
    s.nodes.push(n);
    return s.nodes.length - 1;
  }

  private createTier(cap: bigint, mn: bigint, bps: bigint): void {
    const c = this.chain;
    const s = this.s;
    const id = c.nextTierId();
    const index = s.tiers.length;
    s.tiers.push({
      id,
      addr: c.tierPda(id).toBase58(),
      exists: false,
      maxNodeStake: 0n,
      minProviderStake: 0n,
      maxDelegatedBps: 0n,
      active: false,
    });
    this.run({
      label: `create_spec_tier #${index} cap ${cap} min ${mn} bps ${bps}`,
      model: (st) =>
        Staking.createTier(st, st.scfg.admin, {
          index,
          nameLen: 8,
          maxNodeStake: cap,
          minProviderStake: mn,
          maxDelegatedBps: bps,
        }),
      ixs: () => [
        ixOf(
          c.staking,
          "createSpecTier",
          {
            args: {
              tierId: id,
              name: `FUZZ${id}`.padEnd(8, "x").slice(0, 8),
              maxNodeStake: bnOf(cap),
              minProviderStake: bnOf(mn),
              maxDelegatedBps: Number(bps),
            },
          },
          { admin: pk(s.scfg.admin), config: c.p.config, specTier: pk(s.tiers[index].addr) },
        ),
      ],
    });
  }

  private registerNode(
    i: number,
    tierK: number,
    price: bigint,
    addons: number[],
    commission: bigint,
    gpu: number,
  ): void {
    const c = this.chain;
    const s = this.s;
    if (!s.tiers.length) return;
    const tier = tierK % s.tiers.length;
    const n = s.nodes[i];
    const addonList: Addon[] = addons.map((id, j) => ({
      id,
      price: BigInt(j + 1) * 1000n + price / 7n,
    }));
    const region = Number(n.nodeId % 4n);
    this.run({
      label: `register_node #${i} tier #${tier} price ${price} addons [${addons}] commission ${commission} gpu ${gpu}`,
      model: (st) =>
        Staking.registerNode(st, i, {
          tier,
          gpuCount: gpu,
          price,
          addons: addonList,
          commissionBps: commission,
          region,
        }),
      ixs: () => [
        ixOf(
          c.staking,
          "registerNode",
          {
            args: {
              nodeId: bnOf(n.nodeId),
              gpuCount: gpu,
              region: REGIONS[region],
              priceMicroUsdPerHour: bnOf(price),
              qosAddons: addonList.map((a) => ({ id: a.id, priceMicroUsdPerHour: bnOf(a.price) })),
              commissionBps: Number(commission),
            },
          },
          {
            operator: pk(s.wallets[n.operator].key),
            config: c.p.config,
            specTier: pk(s.tiers[tier].addr),
            node: pk(n.addr),
            vault: pk(n.vault),
            stakeMint: c.p.stakeMint,
            tokenProgram: TOKEN_PROGRAM_ID,
          },
        ),
      ],
    });
  }

  private stepStakingConfig(
    label: string,
    a: Parameters<typeof Staking.updateConfig>[2],
    signer?: string,
  ): void {
    const c = this.chain;
    const s = this.s;
    const who = signer ?? s.scfg.admin;
    const opt = (v: bigint | undefined, num = false) =>
      v === undefined ? null : num ? Number(v) : bnOf(v);
    this.run({
      label,
      model: (st) => Staking.updateConfig(st, who, a),
      ixs: () => [
        ixOf(
          c.staking,
          "updateConfig",
          {
            args: {
              minProviderStake: opt(a.minProviderStake),
              minDelegation: opt(a.minDelegation),
              maxSlashPerEpoch: opt(a.maxSlashPerEpoch),
              unbondingSeconds: opt(a.unbondingSeconds, true),
              epochSeconds: opt(a.epochSeconds, true),
              minUptimeBps: opt(a.minUptimeBps, true),
              maxLowEpochs: opt(a.maxLowEpochs, true),
              slashAuthority: null,
              rewardAuthority: null,
              rentalAuthority: null,
            },
          },
          { admin: pk(who), config: c.p.config, newTreasury: null },
        ),
      ],
    });
  }

  private stepEscrowConfig(
    label: string,
    a: Parameters<typeof Escrow.updateConfig>[2],
    signer?: string,
  ): void {
    const c = this.chain;
    const s = this.s;
    const who = signer ?? s.ecfg.admin;
    const n = (v: bigint | undefined) => (v === undefined ? null : Number(v));
    this.run({
      label,
      model: (st) => Escrow.updateConfig(st, who, a),
      ixs: () => [
        ixOf(
          c.escrow,
          "updateConfig",
          {
            args: {
              maxPriceAgeSeconds: n(a.maxPriceAgeSeconds),
              maxPriceAgeSlots: n(a.maxPriceAgeSlots),
              maxConfidenceBps: n(a.maxConfidenceBps),
              maxEmaDivergenceBps: n(a.maxEmaDivergenceBps),
              reservationFeeBps: n(a.reservationFeeBps),
              claimHoldbackBps: n(a.claimHoldbackBps),
              disputeWindowSeconds: n(a.disputeWindowSeconds),
              disputeTimeoutSeconds: n(a.disputeTimeoutSeconds),
              minRentalSeconds: n(a.minRentalSeconds),
              maxTotalRentalSeconds: n(a.maxTotalRentalSeconds),
              disputeAuthority: null,
              oracle: null,
            },
          },
          { admin: pk(who), config: c.e.config, newTreasury: null },
        ),
      ],
    });
  }

  private writeGoodPrice(label: string): void {
    const s = this.s;
    const b = this.basePrice;
    this.setPrice(label, {
      price: b.price,
      conf: b.conf,
      expo: b.expo,
      publishTime: s.now,
      publishSlot: s.slot,
      ema: b.price,
      trading: true,
    });
  }

  private setPrice(label: string, p: State["price"]): void {
    const c = this.chain;
    this.run({
      label: `price ${label}: ${p.price}e${p.expo} ±${p.conf} ema ${p.ema} t ${p.publishTime - this.s.now} slot ${
        p.publishSlot - this.s.slot
      }${p.trading ? "" : " halted"}`,
      model: (st) => {
        st.price = { ...p };
      },
      ixs: () => {
        const o = c.writePrice({
          price: p.price,
          conf: p.conf,
          expo: p.expo,
          publishTime: p.publishTime,
          publishSlot: p.publishSlot,
          emaPrice: p.ema,
          status: p.trading ? "trading" : "halted",
        });
        if (!o.ok) throw new PropertyFailure(`price write failed: ${o.code}`);
        return [];
      },
    });
  }

  // ---- one generated operation ----------------------------------------------

  private wallet(i: number): number {
    return i % this.s.wallets.length;
  }
  /** A node slot: mostly a live one. */
  private nodeIdx(i: number, prefer?: (n: NodeM) => boolean): number | undefined {
    const ns = this.s.nodes;
    if (!ns.length) return undefined;
    if (this.forceNode !== undefined) return this.forceNode;
    if (prefer && i % 4 !== 3) {
      const good = ns.map((n, j) => (n.exists && prefer(n) ? j : -1)).filter((j) => j >= 0);
      if (good.length) return good[i % good.length];
    }
    const live = ns.map((n, j) => (n.exists ? j : -1)).filter((j) => j >= 0);
    if (live.length && i % 8 !== 7) return live[i % live.length];
    return i % ns.length;
  }
  private forceNode: number | undefined;
  /** A rental slot: mostly one that exists. */
  private rentalIdx(i: number, prefer?: (r: RentalM) => boolean): number | undefined {
    if (this.forceRental !== undefined) return this.forceRental;
    const rs = this.s.rentals;
    if (!rs.length) return undefined;
    if (prefer && i % 4 !== 3) {
      const good = rs.map((r, j) => (r.exists && prefer(r) ? j : -1)).filter((j) => j >= 0);
      if (good.length) return good[i % good.length];
    }
    const live = rs.map((r, j) => (r.exists ? j : -1)).filter((j) => j >= 0);
    if (live.length && i % 8 !== 7) return live[i % live.length];
    return i % rs.length;
  }
  private delegationIdx(node: number, who: number): number {
    const s = this.s;
    const w = this.wallet(who);
    let di = s.dels.findIndex((d) => d.node === node && d.delegator === w);
    if (di < 0) {
      const n = s.nodes[node];
      const addr = this.chain.delegationPda(pk(n.addr), pk(s.wallets[w].key)).toBase58();
      s.dels.push({
        addr,
        node,
        delegator: w,
        exists: false,
        nodeKey: n.addr,
        incarnation: 0n,
        shares: 0n,
        poolGeneration: 0,
        ckpt: 0n,
        carry: 0n,
        pending: 0n,
        unbondingShares: 0n,
        unbondingGeneration: 0,
        unbondingReadyAt: 0n,
      });
      di = s.dels.length - 1;
    }
    return di;
  }
  /** Set by the drain to target one delegation / rental exactly. */
  private forceDel: number | undefined;
  private forceRental: number | undefined;

  /** A delegation of the node: mostly one that holds something. */
  private pickDelegation(node: number, who: number): number {
    if (this.forceDel !== undefined) return this.forceDel;
    const s = this.s;
    const live = s.dels.map((d, j) => (d.node === node && d.exists ? j : -1)).filter((j) => j >= 0);
    if (live.length && who % 5 !== 4) return live[who % live.length];
    const anywhere = s.dels.map((d, j) => (d.exists ? j : -1)).filter((j) => j >= 0);
    if (anywhere.length && who % 5 !== 4) return anywhere[who % anywhere.length];
    return this.delegationIdx(node, who);
  }
  private other(key: string): number {
    const s = this.s;
    const i = s.wallets.findIndex((w) => w.key !== key);
    return i < 0 ? 0 : i;
  }

  execOp(op: Op, extraEdges: bigint[] = []): void {
    const c = this.chain;
    const s = this.s;
    const st = c.staking;
    const es = c.escrow;
    const nodeAccts = (n: NodeM) => ({
      config: c.p.config,
      specTier: pk(s.tiers[n.tier].addr),
      node: pk(n.addr),
      vault: pk(n.vault),
      stakeMint: c.p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    });
    const payoutAccts = (d: DelegationM, signer: string, dest: number) => ({
      signer: pk(signer),
      delegator: pk(s.wallets[d.delegator].key),
      config: c.p.config,
      node: pk(s.nodes[d.node].addr),
      delegation: pk(d.addr),
      vault: pk(s.nodes[d.node].vault),
      destination: pk(s.wallets[dest].tokens),
      stakeMint: c.p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    });
    switch (op.t) {
      case "stake": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        const tier = s.tiers[n.tier];
        const headroom = tier.maxNodeStake - n.providerStake - n.poolTokens;
        const bal = s.bal[s.wallets[signer].tokens] ?? 0n;
        const amt = amount(
          op.amt,
          [...extraEdges, ...extraEdges, headroom, bal, requiredMinimum(s, n) - n.providerStake],
          [max(1n, requiredMinimum(s, n) - n.providerStake), min(headroom, bal)],
        );
        return this.run({
          label: `stake #${i} ${amt}${op.other ? " by a non-operator" : ""}`,
          model: (m) => Staking.stake(m, i, signer, amt),
          ixs: () => [
            ixOf(
              st,
              "stake",
              { amount: bnOf(amt) },
              {
                ...nodeAccts(n),
                operator: pk(s.wallets[signer].key),
                operatorTokens: pk(s.wallets[signer].tokens),
              },
            ),
          ],
        });
      }
      case "unstake": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        const amt = amount(
          op.amt,
          [n.providerStake, n.providerStake - requiredMinimum(s, n), n.providerStake / 2n],
          [1n, n.activeRentals > 0n ? n.providerStake - requiredMinimum(s, n) : n.providerStake],
        );
        return this.run({
          label: `request_unstake #${i} ${amt}${op.other ? " by a non-operator" : ""}`,
          model: (m) => Staking.requestUnstake(m, i, m.wallets[signer].key, amt),
          ixs: () => [
            ixOf(
              st,
              "requestUnstake",
              { amount: bnOf(amt) },
              {
                operator: pk(s.wallets[signer].key),
                config: c.p.config,
                specTier: pk(s.tiers[n.tier].addr),
                node: pk(n.addr),
              },
            ),
          ],
        });
      }
      case "withdrawUnstaked": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        return this.run({
          label: `withdraw_unstaked #${i}${op.other ? " by a non-operator" : ""}`,
          model: (m) => Staking.withdrawUnstaked(m, i, m.wallets[signer].key),
          ixs: () => [
            ixOf(
              st,
              "withdrawUnstaked",
              {},
              {
                ...nodeAccts(n),
                operator: pk(s.wallets[signer].key),
                destination: pk(s.wallets[n.operator].tokens),
              },
            ),
          ],
        });
      }
      case "delegate": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        // mostly someone other than the operator (who would get SelfDelegation)
        let who = this.wallet(op.who);
        if (s.wallets[who].key === s.wallets[n.operator].key && op.who % 4 !== 0)
          who = (who + 1) % s.wallets.length;
        const di = this.delegationIdx(i, who);
        const d = s.dels[di];
        const tier = s.tiers[n.tier];
        const active = n.providerStake + n.poolTokens;
        // The largest delegation the share limit allows: pool' × 10 000 ≤ (active') × bps.
        const shareRoom =
          tier.maxDelegatedBps >= BPS
            ? tier.maxNodeStake - active
            : (active * tier.maxDelegatedBps - n.poolTokens * BPS) / (BPS - tier.maxDelegatedBps);
        const bal = s.bal[s.wallets[d.delegator].tokens];
        const amt = amount(
          op.amt,
          [tier.maxNodeStake - active, shareRoom, bal, s.scfg.minDelegation],
          [s.scfg.minDelegation, min(min(tier.maxNodeStake - active, shareRoom), bal)],
        );
        return this.run({
          label: `delegate #${i} by wallet ${d.delegator} ${amt}`,
          model: (m) => {
            Staking.delegate(m, di, amt);
          },
          ixs: () => [
            ixOf(
              st,
              "delegate",
              { amount: bnOf(amt) },
              {
                ...nodeAccts(n),
                delegator: pk(s.wallets[d.delegator].key),
                delegation: pk(d.addr),
                delegatorTokens: pk(s.wallets[d.delegator].tokens),
              },
            ),
          ],
        });
      }
      case "undelegate": {
        const i0 = this.nodeIdx(op.node);
        if (i0 === undefined) return;
        const di = this.pickDelegation(i0, op.who);
        const d = s.dels[di];
        const i = d.node;
        const n = s.nodes[i];
        const owner = s.wallets[d.delegator].key;
        const signer = op.third ? s.payer : owner;
        const oneUnit = n.poolTokens > 0n ? (n.poolShares + n.poolTokens - 1n) / n.poolTokens : 1n;
        const shares = amount(
          op.amt,
          [d.shares, d.shares / 2n, oneUnit, oneUnit - 1n],
          [oneUnit, d.shares],
        );
        return this.run({
          label: `undelegate #${i} wallet ${d.delegator} ${shares} shares${op.third ? " (permissionless)" : ""}`,
          model: (m) => {
            Staking.undelegate(m, di, signer, shares);
          },
          ixs: () => [
            ixOf(
              st,
              "undelegate",
              { shares: bnOf(shares) },
              {
                signer: pk(signer),
                delegator: pk(owner),
                config: c.p.config,
                node: pk(n.addr),
                delegation: pk(d.addr),
              },
            ),
          ],
        });
      }
      case "withdrawUndelegated":
      case "claimRewards": {
        const i = this.nodeIdx(op.node, (n) => n.acc > 0n);
        if (i === undefined) return;
        const di = this.pickDelegation(i, op.who);
        const d = s.dels[di];
        const owner = s.wallets[d.delegator].key;
        const otherW = this.other(owner);
        const signer = op.third ? s.wallets[otherW].key : owner;
        const dest = op.destThird ? otherW : d.delegator;
        const withdraw = op.t === "withdrawUndelegated";
        return this.run({
          label: `${withdraw ? "withdraw_undelegated" : "claim_rewards"} #${i} wallet ${d.delegator}${
            op.third ? " signed by another" : ""
          }${op.destThird ? " to another's account" : ""}`,
          model: (m) => {
            if (withdraw) Staking.withdrawUndelegated(m, di, signer, dest);
            else Staking.claimRewards(m, di, signer, dest);
          },
          ixs: () => [
            ixOf(
              st,
              withdraw ? "withdrawUndelegated" : "claimRewards",
              {},
              payoutAccts(d, signer, dest),
            ),
          ],
        });
      }
      case "closeDelegation": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const di = this.pickDelegation(i, op.who);
        const d = s.dels[di];
        return this.run({
          label: `close_delegation #${i} wallet ${d.delegator}`,
          model: (m) => Staking.closeDelegation(m, di),
          ixs: () => [
            ixOf(
              st,
              "closeDelegation",
              {},
              {
                delegator: pk(s.wallets[d.delegator].key),
                node: pk(s.nodes[d.node].addr),
                delegation: pk(d.addr),
              },
            ),
          ],
        });
      }
      case "settle": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const di = this.pickDelegation(i, op.who);
        const d = s.dels[di];
        return this.run({
          label: `settle_delegation #${i} wallet ${d.delegator}`,
          model: (m) => Staking.settleDelegation(m, di),
          ixs: () => [
            ixOf(
              st,
              "settleDelegation",
              {},
              {
                signer: c.payer,
                delegator: pk(s.wallets[d.delegator].key),
                node: pk(s.nodes[d.node].addr),
                delegation: pk(d.addr),
              },
            ),
          ],
        });
      }
      case "credit": {
        // mostly a node whose delegators can earn
        const i = this.nodeIdx(op.node, (n) => n.poolTokens > 0n && n.status === "active");
        if (i === undefined) return;
        let n = s.nodes[i];
        let cur = s.now / s.scfg.epochSeconds;
        let next = (n.rewardedUntil + s.scfg.epochSeconds - 1n) / s.scfg.epochSeconds;
        if (next > cur && (op.epochK === 0 || op.epochK === 1 || op.epochK === 7) && n.exists) {
          // the current epoch is credited: move to the next one first
          this.warpTo(next * s.scfg.epochSeconds);
          n = s.nodes[i];
          cur = s.now / s.scfg.epochSeconds;
          next = (n.rewardedUntil + s.scfg.epochSeconds - 1n) / s.scfg.epochSeconds;
        }
        const epoch = [
          cur,
          cur,
          next,
          next,
          cur + 1n,
          cur - 1n < 0n ? 0n : cur - 1n,
          next - 1n < 0n ? 0n : next - 1n,
          cur,
          next,
          0n,
        ][op.epochK];
        const amt = amount(
          op.amt,
          [s.bal[s.source], U64 - n.reserve, U64 - n.operatorRewards, n.poolTokens],
          [0n, min(s.bal[s.source], 1_000_000_000_000_000n)],
        );
        const signer = op.other ? s.wallets[0].key : s.scfg.rewardAuthority;
        return this.run({
          label: `credit_rewards #${i} epoch ${epoch} (now ${cur}) uptime ${op.uptime} ${amt}${op.other ? " by a non-authority" : ""}`,
          model: (m) => Staking.creditRewards(m, i, signer, epoch, BigInt(op.uptime), amt),
          ixs: () => [
            ixOf(
              st,
              "creditRewards",
              { args: { epoch: bnOf(epoch), uptimeBps: op.uptime, amount: bnOf(amt) } },
              {
                ...nodeAccts(n),
                rewardAuthority: pk(signer),
                source: pk(s.source),
              },
            ),
          ],
        });
      }
      case "claimOperator": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        return this.run({
          label: `claim_operator_rewards #${i}${op.other ? " by a non-operator" : ""}`,
          model: (m) => {
            Staking.claimOperatorRewards(m, i, m.wallets[signer].key);
          },
          ixs: () => [
            ixOf(
              st,
              "claimOperatorRewards",
              {},
              {
                operator: pk(s.wallets[signer].key),
                config: c.p.config,
                node: pk(n.addr),
                vault: pk(n.vault),
                destination: pk(s.wallets[signer].tokens),
                stakeMint: c.p.stakeMint,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "slash": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const reason = SAMPLE_REASONS[op.reason];
        const prior = s.records.filter((r) => r.node === i && r.exists);
        let ri: number;
        if (op.replay && prior.length) ri = s.records.indexOf(prior[0]);
        else ri = this.newRecord(i);
        const rec = s.records[ri];
        // renter account: none, a wallet, or (1 in 10) the node's own vault
        const renter = op.renterK === 9 ? -2 : op.renterK >= 5 ? -1 : this.wallet(op.renterK);
        const signer = op.other ? s.wallets[0].key : s.scfg.slashAuthority;
        return this.run({
          label: `slash #${i} ${op.fraction} bps ${reason} renter ${renter} share ${op.renterShare}${
            op.replay && prior.length ? " (replayed evidence)" : ""
          }${op.other ? " by a non-authority" : ""}`,
          slashes: [i],
          model: (m) => {
            Staking.slash(m, i, {
              signer,
              recordIndex: ri,
              reason,
              fractionBps: BigInt(op.fraction),
              renterShareBps: BigInt(op.renterShare),
              renter,
            });
          },
          ixs: () => [
            ixOf(
              st,
              "slash",
              {
                args: {
                  evidenceHash: Array.from(Buffer.from(rec.evidence, "hex")),
                  reason: { [reason]: {} },
                  fractionBps: op.fraction,
                  renterShareBps: op.renterShare,
                },
              },
              {
                authority: pk(signer),
                payer: c.payer,
                config: c.p.config,
                specTier: pk(s.tiers[n.tier].addr),
                node: pk(n.addr),
                slashRecord: pk(rec.addr),
                vault: pk(n.vault),
                treasury: pk(s.scfg.treasury),
                renterTokens:
                  renter === -1 ? null : renter === -2 ? pk(n.vault) : pk(s.wallets[renter].tokens),
                stakeMint: c.p.stakeMint,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "unjail": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? s.wallets[0].key : s.scfg.admin;
        return this.run({
          label: `unjail_node #${i}${op.other ? " by a non-admin" : ""}`,
          model: (m) => Staking.unjail(m, i, signer),
          ixs: () => [
            ixOf(
              st,
              "unjailNode",
              {},
              {
                admin: pk(signer),
                config: c.p.config,
                specTier: pk(s.tiers[n.tier].addr),
                node: pk(n.addr),
              },
            ),
          ],
        });
      }
      case "refresh": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        return this.run({
          label: `refresh_node #${i}`,
          model: (m) => Staking.refreshNode(m, i),
          ixs: () => [
            ixOf(
              st,
              "refreshNode",
              {},
              { config: c.p.config, specTier: pk(s.tiers[n.tier].addr), node: pk(n.addr) },
            ),
          ],
        });
      }
      case "setCommission":
      case "updatePricing": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        const accts = { operator: pk(s.wallets[signer].key), config: c.p.config, node: pk(n.addr) };
        if (op.t === "setCommission")
          return this.run({
            label: `set_commission #${i} ${op.bps}${op.other ? " by a non-operator" : ""}`,
            model: (m) => Staking.setCommission(m, i, m.wallets[signer].key, BigInt(op.bps)),
            ixs: () => [ixOf(st, "setCommission", { commissionBps: op.bps }, accts)],
          });
        const price = amount(op.price, [1_000_000n, 0n, U64], [1n, 1_000_000_000n]);
        const addons: Addon[] = op.addons.map((id, j) => ({
          id,
          price: j === 3 ? 0n : BigInt(j + 1) * 1000n,
        }));
        return this.run({
          label: `update_pricing #${i} ${price} addons [${op.addons}]${op.other ? " by a non-operator" : ""}`,
          model: (m) => Staking.updatePricing(m, i, m.wallets[signer].key, price, addons),
          ixs: () => [
            ixOf(
              st,
              "updatePricing",
              {
                args: {
                  priceMicroUsdPerHour: bnOf(price),
                  qosAddons: addons.map((a) => ({ id: a.id, priceMicroUsdPerHour: bnOf(a.price) })),
                },
              },
              accts,
            ),
          ],
        });
      }
      case "closeNode": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = op.other ? this.other(s.wallets[n.operator].key) : n.operator;
        return this.run({
          label: `close_node #${i}${op.other ? " by a non-operator" : ""}`,
          model: (m) => {
            Staking.closeNode(m, i, m.wallets[signer].key);
          },
          ixs: () => [
            ixOf(
              st,
              "closeNode",
              {},
              {
                operator: pk(s.wallets[signer].key),
                config: c.p.config,
                node: pk(n.addr),
                vault: pk(n.vault),
                treasury: pk(s.scfg.treasury),
                stakeMint: c.p.stakeMint,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "registerNode": {
        // Re-register a closed node at its address (a new incarnation), or a new node.
        const closed = s.nodes.map((n, j) => (n.exists ? -1 : j)).filter((j) => j >= 0);
        let i: number;
        if (closed.length && op.node % 2 === 0) i = closed[op.node % closed.length];
        else if (s.nodes.length < 8) i = this.newNodeSlot(this.wallet(op.node));
        else i = op.node % s.nodes.length;
        const price = amount(op.price, [1_000_000n, 1n]);
        return this.registerNode(i, op.tier, price, [1, 2], BigInt(op.commission), op.gpu);
      }
      case "stakingConfig": {
        const signer = op.other ? s.wallets[0].key : s.scfg.admin;
        const fields = [
          () => ({
            minProviderStake: amount(op.v, [
              s.scfg.minProviderStake * 2n,
              s.scfg.minProviderStake / 2n,
              ...s.nodes.map((n) => n.providerStake),
            ]),
          }),
          () => ({ minDelegation: amount(op.v, [s.scfg.minDelegation * 2n, 1n]) }),
          () => ({ maxSlashPerEpoch: amount(op.v, [s.scfg.slashedInEpoch, U64, 1n]) }),
          () => ({
            unbondingSeconds:
              amount(op.v, [1n, 4n, 365n * 86_400n, 365n * 86_400n + 1n]) % (1n << 32n),
          }),
          () => ({ epochSeconds: amount(op.v, [1n, 3n, 60n, 86_400n, 7n]) % (1n << 32n) }),
          () => ({ minUptimeBps: amount(op.v, [0n, 9000n, 10_000n, 10_001n]) % (1n << 16n) }),
          () => ({ maxLowEpochs: amount(op.v, [0n, 1n, 3n]) % 256n }),
          () => ({ treasury: "" }),
        ];
        const a = fields[op.field % fields.length]();
        if ("treasury" in a) {
          // a fresh treasury: the old one keeps what it got
          return;
        }
        return this.stepStakingConfig(
          `staking update_config ${JSON.stringify(a, big)}${op.other ? " by a non-admin" : ""}`,
          a,
          signer,
        );
      }
      case "tier": {
        if (!s.tiers.length) return;
        const ti = op.tier % s.tiers.length;
        const t = s.tiers[ti];
        const signer = op.other ? s.wallets[0].key : s.scfg.admin;
        if (op.field === 4) {
          const cap = amount(op.v, [U64 / 1000n, s.scfg.minProviderStake, 1_000_000_000_000n]);
          return this.createTier(cap, 0n, 5000n);
        }
        const a = [
          () => ({
            maxNodeStake: amount(op.v, [
              t.maxNodeStake / 2n,
              U64 / 1000n,
              U64 / 1000n + 1n,
              s.scfg.minProviderStake,
              t.minProviderStake,
            ]),
          }),
          () => ({
            minProviderStake: amount(op.v, [
              t.minProviderStake * 2n,
              t.maxNodeStake,
              t.maxNodeStake + 1n,
              0n,
            ]),
          }),
          () => ({ maxDelegatedBps: amount(op.v, [0n, 5000n, 10_000n, 10_001n]) % (1n << 16n) }),
          () => ({ active: op.v.r % 2n === 0n }),
        ][op.field]();
        return this.run({
          label: `update_spec_tier #${ti} ${JSON.stringify(a, big)}${op.other ? " by a non-admin" : ""}`,
          model: (m) => Staking.updateTier(m, signer, ti, a),
          ixs: () => [
            ixOf(
              st,
              "updateSpecTier",
              {
                args: {
                  maxNodeStake: "maxNodeStake" in a ? bnOf(a.maxNodeStake!) : null,
                  minProviderStake: "minProviderStake" in a ? bnOf(a.minProviderStake!) : null,
                  maxDelegatedBps: "maxDelegatedBps" in a ? Number(a.maxDelegatedBps) : null,
                  active: "active" in a ? a.active : null,
                },
              },
              { admin: pk(signer), config: c.p.config, specTier: pk(t.addr) },
            ),
          ],
        });
      }
      case "pause": {
        const admin = op.escrow ? s.ecfg.admin : s.scfg.admin;
        const signer = op.other ? s.wallets[0].key : admin;
        return this.run({
          label: `${op.escrow ? "escrow" : "staking"} set_paused ${op.paused}${op.other ? " by a non-admin" : ""}`,
          model: (m) => (op.escrow ? Escrow : Staking).setPaused(m, signer, op.paused),
          ixs: () => [
            ixOf(
              op.escrow ? es : st,
              "setPaused",
              { paused: op.paused },
              {
                admin: pk(signer),
                config: op.escrow ? c.e.config : c.p.config,
              },
            ),
          ],
        });
      }
      case "admin": {
        // 0: propose wallet 0, 1: accept by the proposed, 2: accept by another,
        // 3: propose the payer back, 4: cancel, 5: accept by the payer
        const cfg = op.escrow ? s.ecfg : s.scfg;
        const prog = op.escrow ? es : st;
        const M = op.escrow ? Escrow : Staking;
        const config = op.escrow ? c.e.config : c.p.config;
        if (op.step === 0 || op.step === 3 || op.step === 4) {
          const proposed = op.step === 0 ? s.wallets[0].key : op.step === 3 ? s.payer : DEFAULT_KEY;
          return this.run({
            label: `${op.escrow ? "escrow" : "staking"} propose_admin ${proposed.slice(0, 6)}`,
            model: (m) => M.proposeAdmin(m, cfg.admin, proposed),
            ixs: () => [
              ixOf(
                prog,
                "proposeAdmin",
                { proposed: pk(proposed) },
                { admin: pk(cfg.admin), config },
              ),
            ],
          });
        }
        const signer =
          op.step === 1 && cfg.pendingAdmin !== DEFAULT_KEY
            ? cfg.pendingAdmin
            : op.step === 5
              ? s.payer
              : s.wallets[1].key;
        return this.run({
          label: `${op.escrow ? "escrow" : "staking"} accept_admin by ${signer.slice(0, 6)}`,
          model: (m) => M.acceptAdmin(m, signer),
          ixs: () => [ixOf(prog, "acceptAdmin", {}, { newAdmin: pk(signer), config })],
        });
      }
      case "directLock": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        const n = s.nodes[i];
        const signer = s.wallets[0].key;
        return this.run({
          label: `${op.unlock ? "unlock_node" : "lock_node"} #${i} signed directly by a wallet`,
          model: (m) => Staking.directLock(m, i, signer),
          ixs: () => [
            op.unlock
              ? ixOf(
                  st,
                  "unlockNode",
                  {},
                  { rentalAuthority: pk(signer), config: c.p.config, node: pk(n.addr) },
                )
              : ixOf(
                  st,
                  "lockNode",
                  {},
                  {
                    rentalAuthority: pk(signer),
                    config: c.p.config,
                    specTier: pk(s.tiers[n.tier].addr),
                    node: pk(n.addr),
                  },
                ),
          ],
        });
      }
      case "closeSlashRecord": {
        if (!s.records.length) return;
        const ri = op.rec % s.records.length;
        const r = s.records[ri];
        return this.run({
          label: `close_slash_record ${ri}`,
          model: (m) => Staking.closeSlashRecord(m, ri),
          ixs: () => [
            ixOf(
              st,
              "closeSlashRecord",
              {},
              { signer: pk(s.wallets[0].key), payer: c.payer, slashRecord: pk(r.addr) },
            ),
          ],
        });
      }
      case "rent": {
        const i = this.nodeIdx(op.node);
        if (i === undefined) return;
        if (op.fresh) this.writeGoodPrice("fresh");
        const n = s.nodes[i];
        const w = this.wallet(op.who);
        const ri = this.newRental(w, i);
        const r = s.rentals[ri];
        const dur = amount(
          op.dur,
          [s.ecfg.minRentalSeconds, s.ecfg.maxTotalRentalSeconds, 90n * 86_400n, 3600n],
          [
            s.ecfg.minRentalSeconds,
            min(
              min(90n * 86_400n, s.ecfg.maxTotalRentalSeconds),
              s.ecfg.minRentalSeconds + 7n * 86_400n,
            ),
          ],
        );
        // mostly add-ons the node offers
        const offered = n.addons.filter((a) => a.id !== 0).map((a) => a.id);
        const ids =
          op.addons.length && op.addons[0] === 0
            ? op.addons.slice(1, 6)
            : offered.filter((id) => op.addons.includes(id) || id % 2 === 0);
        let cost = 0n;
        try {
          const price = s.price;
          const rate =
            n.price +
            n.addons
              .filter((a) => ids.includes(a.id) && a.id !== 0)
              .reduce((x, a) => x + a.price, 0n);
          cost = quote({
            duration: dur,
            rate,
            price: price.price,
            conf: price.conf,
            expo: price.expo,
            decimals: DECIMALS,
          }).tokens;
          cost += (cost * s.ecfg.reservationFeeBps + BPS - 1n) / BPS;
        } catch {
          cost = 0n;
        }
        if (cost > U64) cost = U64;
        const maxTokens = op.slip === 0 ? (cost > 0n ? cost - 1n : 0n) : op.slip === 1 ? cost : U64;
        return this.run({
          label: `create_rental r${ri} of node #${i} by wallet ${w} for ${dur}s addons [${ids}] max ${maxTokens}`,
          model: (m) => {
            Escrow.createRental(m, ri, { duration: dur, addonIds: ids, maxTokens });
          },
          ixs: () => [
            ixOf(
              es,
              "createRental",
              {
                args: {
                  rentalId: bnOf(r.rentalId),
                  durationSeconds: bnOf(dur),
                  qosAddonIds: Buffer.from(ids),
                  maxTokens: bnOf(maxTokens),
                  clusterId: bnOf(0n),
                },
              },
              {
                renter: pk(s.wallets[w].key),
                config: c.e.config,
                rental: pk(r.addr),
                vault: pk(r.vault),
                renterTokens: pk(s.wallets[w].tokens),
                paymentMint: c.p.stakeMint,
                node: pk(n.addr),
                priceAccount: c.e.priceAccount,
                stakingConfig: c.p.config,
                stakingSpecTier: pk(s.tiers[n.tier].addr),
                rentalAuthority: c.e.rentalAuthority,
                instructions: null,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "extend": {
        const ri = this.rentalIdx(op.rental, (r) => r.m.status === "active" && s.now < r.m.endTs);
        if (ri === undefined) return;
        if (op.fresh) this.writeGoodPrice("fresh");
        const r = s.rentals[ri];
        const n = s.nodes[r.node];
        const renterKey = s.wallets[r.renter].key;
        const signer = op.other ? s.wallets[this.other(renterKey)].key : renterKey;
        const span = r.exists ? r.m.endTs - r.m.startTs : 0n;
        const room = s.ecfg.maxTotalRentalSeconds - span;
        const extra = amount(
          op.dur,
          [s.ecfg.minRentalSeconds, room, room + 1n, 3600n],
          [
            s.ecfg.minRentalSeconds,
            min(min(90n * 86_400n, room), s.ecfg.minRentalSeconds + 3n * 86_400n),
          ],
        );
        const maxTokens = op.slip === 0 ? 0n : U64;
        return this.run({
          label: `extend_rental r${ri} +${extra}s max ${maxTokens}${op.other ? " by a non-renter" : ""}`,
          model: (m) => {
            Escrow.extendRental(m, ri, signer, { extra, maxTokens });
          },
          ixs: () => [
            ixOf(
              es,
              "extendRental",
              { args: { extraSeconds: bnOf(extra), maxTokens: bnOf(maxTokens) } },
              {
                renter: pk(signer),
                config: c.e.config,
                rental: pk(r.addr),
                vault: pk(r.vault),
                renterTokens: pk(s.wallets[r.renter].tokens),
                paymentMint: c.p.stakeMint,
                node: pk(n.addr),
                stakingConfig: c.p.config,
                stakingSpecTier: pk(s.tiers[n.tier].addr),
                priceAccount: c.e.priceAccount,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "claimRental": {
        const ri = this.rentalIdx(op.rental);
        if (ri === undefined) return;
        const r = s.rentals[ri];
        const provider = Math.max(
          0,
          s.wallets.findIndex((w) => w.key === r.provider),
        );
        const signerW = op.other ? this.other(r.provider) : provider;
        return this.run({
          label: `claim r${ri}${op.other ? " by a non-provider" : ""}`,
          model: (m) => {
            Escrow.claim(m, ri, m.wallets[signerW].key);
          },
          ixs: () => [
            ixOf(
              es,
              "claim",
              {},
              {
                provider: pk(s.wallets[signerW].key),
                config: c.e.config,
                rental: pk(r.addr),
                vault: pk(r.vault),
                providerTokens: pk(s.wallets[signerW].tokens),
                treasury: pk(s.ecfg.treasury),
                paymentMint: c.p.stakeMint,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "cancel": {
        const ri = this.rentalIdx(op.rental, (r) => r.m.status === "active" && s.now < r.m.endTs);
        if (ri === undefined) return;
        const r = s.rentals[ri];
        const renterKey = s.wallets[r.renter].key;
        const signer = op.other ? s.wallets[this.other(renterKey)].key : renterKey;
        return this.run({
          label: `cancel_rental r${ri}${op.other ? " by a non-renter" : ""}`,
          model: (m) => {
            Escrow.cancel(m, ri, signer);
          },
          ixs: () => [
            ixOf(
              es,
              "cancelRental",
              {},
              {
                renter: pk(signer),
                config: c.e.config,
                rental: pk(r.addr),
                vault: pk(r.vault),
                renterTokens: pk(s.wallets[r.renter].tokens),
                paymentMint: c.p.stakeMint,
                node: pk(r.nodeKey),
                stakingConfig: c.p.config,
                rentalAuthority: c.e.rentalAuthority,
                tokenProgram: TOKEN_PROGRAM_ID,
              },
            ),
          ],
        });
      }
      case "closeRental": {
        const ri = this.rentalIdx(op.rental);
        if (ri === undefined) return;
        const r = s.rentals[ri];
        const renterKey = s.wallets[r.renter].key;
        const closer = op.closer <= 1 ? renterKey : op.closer <= 3 ? r.provider : s.payer;
        return this.rentalClose(ri, closer);
      }
      case "probeClose": {
        // Every ended rental can be closed by its renter: simulate it, change nothing.
        const ri = this.rentalIdx(op.rental);
        if (ri === undefined) return;
        const r = s.rentals[ri];
        if (!r.exists) return;
        const m = r.m;
        const ended =
          m.status === "disputed" ? s.now >= m.disputedAt + r.timeoutSeconds : s.now >= m.endTs;
        if (!ended) return;
        const tx = this.closeIx(ri, s.wallets[r.renter].key);
        const sim = this.simulate([tx]);
        this.stats.ops++;
        if (!sim.ok)
          throw new PropertyFailure(
            `an ended rental r${ri} cannot be closed by its renter: ${sim.code}\n${sim.logs.join("\n")}`,
          );
        this.trace.push(`probe close_rental r${ri}: closable`);
        return;
      }
      case "dispute": {
        const ri = this.rentalIdx(
          op.rental,
          (r) => r.m.status === "active" || r.m.status === "cancelled",
        );
        if (ri === undefined) return;
        const r = s.rentals[ri];
        const renterKey = s.wallets[r.renter].key;
        const signer = op.other ? s.wallets[this.other(renterKey)].key : renterKey;
        return this.run({
          label: `open_dispute r${ri}${op.other ? " by a non-renter" : ""}`,
          model: (m) => Escrow.openDispute(m, ri, signer),
          ixs: () => [ixOf(es, "openDispute", {}, { renter: pk(signer), rental: pk(r.addr) })],
        });
      }
      case "resolve": {
        const ri = this.rentalIdx(op.rental, (r) => r.m.status === "disputed");
        if (ri === undefined) return;
        const signer = op.other ? s.wallets[0].key : s.ecfg.disputeAuthority;
        return this.resolve(
          ri,
          signer,
          BigInt(op.refund),
          op.payAfter,
          op.slash,
          op.fraction,
          op.renterShare,
        );
      }
      case "escrowConfig": {
        const signer = op.other ? s.wallets[0].key : s.ecfg.admin;
        const v = (edges: bigint[], mod: bigint) => amount(op.v, edges) % mod;
        const a = [
          () => ({ maxPriceAgeSeconds: v([0n, 1n, 60n, 3600n, 3601n], 1n << 32n) }),
          () => ({ maxPriceAgeSlots: v([0n, 1n, 1000n], 1n << 32n) }),
          () => ({ maxConfidenceBps: v([0n, 1n, 200n, 10_000n, 10_001n], 1n << 16n) }),
          () => ({ maxEmaDivergenceBps: v([0n, 1n, 500n, 10_000n, 10_001n], 1n << 16n) }),
          () => ({ reservationFeeBps: v([0n, 1n, 25n, 1000n, 1001n], 1n << 16n) }),
          () => ({ claimHoldbackBps: v([0n, 1n, 1000n, 5000n, 5001n], 1n << 16n) }),
          () => ({
            disputeWindowSeconds: v([0n, 1n, 10n, 30n * 86_400n, 30n * 86_400n + 1n], 1n << 32n),
          }),
          () => ({
            disputeTimeoutSeconds: v([0n, 1n, 20n, 90n * 86_400n, 90n * 86_400n + 1n], 1n << 32n),
          }),
          () => ({
            minRentalSeconds: v(
              [0n, 1n, 60n, s.ecfg.maxTotalRentalSeconds, s.ecfg.maxTotalRentalSeconds + 1n],
              1n << 32n,
            ),
          }),
          () => ({
            maxTotalRentalSeconds: v(
              [
                s.ecfg.minRentalSeconds,
                s.ecfg.minRentalSeconds - 1n,
                365n * 86_400n,
                365n * 86_400n + 1n,
              ],
              1n << 32n,
            ),
          }),
        ][op.field]();
        return this.stepEscrowConfig(
          `escrow update_config ${JSON.stringify(a, big)}${op.other ? " by a non-admin" : ""}`,
          a,
          signer,
        );
      }
      case "price": {
        const b = this.basePrice;
        const r = op.r;
        const p = {
          price: b.price,
          conf: b.conf,
          expo: b.expo,
          publishTime: s.now,
          publishSlot: s.slot,
          ema: b.price,
          trading: true,
        };
        switch (op.k) {
          case 0: // the market moves: a new base price within ±50 %
            p.price = (b.price * (50n + (r % 101n))) / 100n + 1n;
            p.conf = (p.price * (r % 150n)) / BPS;
            p.ema = p.price;
            this.basePrice = { price: p.price, conf: p.conf, expo: p.expo };
            break;
          case 1: // stale
            p.publishTime = s.now - s.ecfg.maxPriceAgeSeconds - (r % 2n);
            break;
          case 2: // future
            p.publishTime = s.now + 5n + (r % 2n);
            break;
          case 3: // confidence at or beyond the bound
            p.conf = (p.price * s.ecfg.maxConfidenceBps) / BPS + (r % 2n);
            break;
          case 4: // EMA at or beyond the divergence bound
            p.ema = (p.price * BPS) / (BPS + s.ecfg.maxEmaDivergenceBps) + (r % 3n) - 1n;
            break;
          case 5:
            p.trading = false;
            break;
          case 6: // stale slot / future slot
            p.publishSlot = r % 2n === 0n ? s.slot + 1n : s.slot - s.ecfg.maxPriceAgeSlots - 1n;
            if (p.publishSlot < 0n) p.publishSlot = 0n;
            break;
          case 7: // awkward exponents and prices
            p.expo = Number(r % 27n) - 20;
            p.price = [1n, 2n, 1n << 62n, b.price][Number((r >> 8n) % 4n)];
            p.conf = 0n;
            p.ema = p.price;
            break;
          case 8: // non-positive price (and EMA)
            p.price = -(r % 3n);
            p.ema = r % 2n === 0n ? p.price : b.price;
            break;
          case 9: // an older publish time (extensions may not go back)
            p.publishTime = s.now - (r % 30n) - 1n;
            break;
          default:
            break;
        }
        return this.setPrice(`move k${op.k}`, p);
      }
      case "warp":
        return this.warp(op.k, op.r);
      case "donate": {
        const w = this.wallet(op.who);
        let target: string | undefined;
        let node: number | undefined;
        if (op.toRental) {
          const ri = this.rentalIdx(op.target);
          if (ri !== undefined && s.rentals[ri].exists) target = s.rentals[ri].vault;
        } else {
          const i = this.nodeIdx(op.target);
          if (i !== undefined && s.nodes[i].exists) {
            target = s.nodes[i].vault;
            node = i;
          }
        }
        if (!target) return;
        const amt = amount(
          op.amt,
          [s.bal[s.wallets[w].tokens], 1n],
          [1n, s.bal[s.wallets[w].tokens] / 1000n],
        );
        const to = target;
        return this.run({
          label: `donate ${amt} from wallet ${w} to ${op.toRental ? "a rental" : "a node"} vault`,
          model: (m) => {
            const a = m.bal[m.wallets[w].tokens];
            if (a < amt) throw new Fail("token:0x1");
            m.bal[m.wallets[w].tokens] = a - amt;
            m.bal[to] += amt;
            if (node !== undefined) m.nodes[node].donated += amt;
          },
          ixs: () => [
            createTransferCheckedInstruction(
              pk(s.wallets[w].tokens),
              c.p.stakeMint,
              pk(to),
              pk(s.wallets[w].key),
              amt,
              DECIMALS,
            ),
          ],
        });
      }
      case "wipeCycle": {
        // A slash that empties the pool (a new generation), the provider back
        // to its minimum, a new delegation: repeated, it reaches the fifth
        // wipe, after which the pool stays closed (PoolWipedOut).
        const i = this.nodeIdx(op.node, (n) => n.poolShares > 0n || n.staleShares > 0n);
        if (i === undefined) return;
        this.onNode(i, {
          t: "slash",
          node: i,
          fraction: op.fraction,
          reason: 0,
          renterShare: 0,
          renterK: 5,
          replay: false,
          other: false,
        });
        const n = s.nodes[i];
        if (n.exists && n.status !== "active") {
          const need = requiredMinimum(s, n) - n.providerStake;
          if (need > 0n)
            this.onNode(i, { t: "stake", node: i, amt: { k: 7, r: 0n }, other: false }, [need]);
        }
        return this.onNode(i, { t: "delegate", node: i, who: op.who, amt: op.amt });
      }
      case "reinit": {
        // initialize again: anyone but the upgrade authority is refused by the
        // account checks; the authority by the System program (the config exists)
        const signer = op.other ? pk(s.wallets[0].key) : c.payer;
        const programData = (prog: PublicKey) =>
          PublicKey.findProgramAddressSync(
            [prog.toBuffer()],
            new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111"),
          )[0];
        return this.run({
          label: `${op.escrow ? "escrow" : "staking"} initialize again${op.other ? " by another signer" : ""}`,
          model: () => {
            if (op.other) throw new Fail((op.escrow ? E_ : S_)("NotUpgradeAuthority"));
            throw new Fail(ALREADY_IN_USE);
          },
          ixs: () => [
            op.escrow
              ? ixOf(
                  es,
                  "initialize",
                  {
                    args: {
                      oracleKind: { pythLegacy: {} },
                      oracleProgram: new PublicKey("FsJ3A3u2vn5cTVofAjvy6y5kkfAnkzGZBGq9v1ohhAgh"),
                      oracleAccount: c.e.priceAccount,
                      feedId: new Array(32).fill(0),
                      disputeAuthority: signer,
                      maxPriceAgeSeconds: 60,
                      maxConfidenceBps: 200,
                      reservationFeeBps: 25,
                      disputeWindowSeconds: 10,
                    },
                  },
                  {
                    admin: signer,
                    programData: programData(es.programId),
                    config: c.e.config,
                    stakingConfig: c.p.config,
                    paymentMint: c.p.stakeMint,
                    treasury: pk(s.ecfg.treasury),
                    tokenProgram: TOKEN_PROGRAM_ID,
                  },
                )
              : ixOf(
                  st,
                  "initialize",
                  { args: { minProviderStake: null, unbondingSeconds: null } },
                  {
                    admin: signer,
                    programData: programData(st.programId),
                    config: c.p.config,
                    stakeMint: c.p.stakeMint,
                    treasury: pk(s.scfg.treasury),
                    tokenProgram: TOKEN_PROGRAM_ID,
                  },
                ),
          ],
        });
      }
      case "rentCluster": {
        // Several legs with one cluster id in one transaction: all land or none.
        const legs = op.legs
          .map((l) => ({ i: this.nodeIdx(l.node), dur: l.dur }))
          .filter((l): l is { i: number; dur: Amt } => l.i !== undefined);
        if (!legs.length) return;
        if (op.fresh) this.writeGoodPrice("fresh");
        const w = this.wallet(op.who);
        const clusterId = BigInt(this.rentalSeq + 1);
        const plan = legs.map((l) => {
          const ri = this.newRental(w, l.i);
          const dur = amount(
            l.dur,
            [s.ecfg.minRentalSeconds, s.ecfg.maxTotalRentalSeconds],
            [
              s.ecfg.minRentalSeconds,
              min(
                min(90n * 86_400n, s.ecfg.maxTotalRentalSeconds),
                s.ecfg.minRentalSeconds + 86_400n,
              ),
            ],
          );
          return { ri, i: l.i, dur };
        });
        return this.run({
          label: `create_rental cluster ${clusterId} of ${plan.length} legs (${plan
            .map((p) => `r${p.ri} node #${p.i} ${p.dur}s`)
            .join(", ")}) by wallet ${w}${op.noSysvar ? " without the instructions sysvar" : ""}`,
          model: (m) => {
            for (const p of plan)
              Escrow.createRental(m, p.ri, {
                duration: p.dur,
                addonIds: [],
                maxTokens: U64,
                clusterId,
                hasInstructions: !op.noSysvar,
              });
          },
          ixs: () =>
            plan.map((p) => {
              const r = s.rentals[p.ri];
              const n = s.nodes[p.i];
              return ixOf(
                es,
                "createRental",
                {
                  args: {
                    rentalId: bnOf(r.rentalId),
                    durationSeconds: bnOf(p.dur),
                    qosAddonIds: Buffer.from([]),
                    maxTokens: bnOf(U64),
                    clusterId: bnOf(clusterId),
                  },
                },
                {
                  renter: pk(s.wallets[w].key),
                  config: c.e.config,
                  rental: pk(r.addr),
                  vault: pk(r.vault),
                  renterTokens: pk(s.wallets[w].tokens),
                  paymentMint: c.p.stakeMint,
                  node: pk(n.addr),
                  priceAccount: c.e.priceAccount,
                  stakingConfig: c.p.config,
                  stakingSpecTier: pk(s.tiers[n.tier].addr),
                  rentalAuthority: c.e.rentalAuthority,
                  instructions: op.noSysvar ? null : SYSVAR_INSTRUCTIONS_PUBKEY,
                  tokenProgram: TOKEN_PROGRAM_ID,
                },
              );
            }),
        });
      }
      case "quote": {
        const q = {
          duration: amount(op.dur, [60n, 3600n, 90n * 86_400n]),
          rate: amount(op.rate, [1_000_000n, 1n]),
          price: amount(op.price, [125_000_000n, 1n]) & ((1n << 63n) - 1n),
          conf: BigInt(op.conf),
          expo: op.expo,
          decimals: op.decimals,
        };
        let expected: { cost: bigint; tokens: bigint } | undefined;
        return this.run({
          label: `quote ${JSON.stringify(q, big)}`,
          model: () => {
            expected = quote(q);
          },
          ixs: () => [
            ixOf(
              es,
              "quote",
              {
                args: {
                  durationSeconds: bnOf(q.duration),
                  rateMicroUsdPerHour: bnOf(q.rate),
                  price: bnOf(q.price),
                  conf: bnOf(q.conf),
                  expo: q.expo,
                  decimals: q.decimals,
                },
              },
              {},
            ),
          ],
          returned: (data) => {
            const cost = data!.readBigUInt64LE(0) + (data!.readBigUInt64LE(8) << 64n);
            const tokens = data!.readBigUInt64LE(16);
            if (cost !== expected!.cost || tokens !== expected!.tokens)
              throw new PropertyFailure(
                `quote returned (${cost}, ${tokens}), model (${expected!.cost}, ${expected!.tokens})`,
              );
          },
        });
      }
    }
  }

  private newRecord(node: number): number {
    const s = this.s;
    const evidence = crypto.randomBytes(32);
    s.records.push({
      addr: this.chain.slashPda(pk(s.nodes[node].addr), evidence).toBase58(),
      node,
      evidence: evidence.toString("hex"),
      exists: false,
      reason: "other",
      fractionBps: 0n,
      amount: 0n,
      toRenter: 0n,
      authority: DEFAULT_KEY,
      payer: DEFAULT_KEY,
      slashedAt: 0n,
    });
    return s.records.length - 1;
  }

  private newRental(renter: number, node: number): number {
    const s = this.s;
    const rentalId = BigInt(++this.rentalSeq);
    const addr = this.chain.rentalPda(pk(s.wallets[renter].key), rentalId);
    s.rentals.push({
      addr: addr.toBase58(),
      vault: this.chain.rentalVaultPda(addr).toBase58(),
      renter,
      node,
      nodeKey: s.nodes[node].addr,
      provider: DEFAULT_KEY,
      rentalId,
      clusterId: 0n,
      exists: false,
      addonIds: [0, 0, 0, 0],
      rate: 0n,
      price: 0n,
      conf: 0n,
      expo: 0,
      publishTime: 0n,
      windowSeconds: 0n,
      timeoutSeconds: 0n,
      nodeLocked: false,
      m: new RentalModel(0n),
    });
    return s.rentals.length - 1;
  }

  private closeIx(ri: number, closer: string): TransactionInstruction {
    const c = this.chain;
    const s = this.s;
    const r = s.rentals[ri];
    const provider = s.wallets.find((w) => w.key === r.provider);
    return ixOf(
      c.escrow,
      "closeRental",
      {},
      {
        closer: pk(closer),
        config: c.e.config,
        rental: pk(r.addr),
        renter: pk(s.wallets[r.renter].key),
        vault: pk(r.vault),
        providerTokens: pk(provider ? provider.tokens : s.wallets[0].tokens),
        renterTokens: pk(s.wallets[r.renter].tokens),
        treasury: pk(s.ecfg.treasury),
        paymentMint: c.p.stakeMint,
        node: pk(r.nodeKey),
        stakingConfig: c.p.config,
        rentalAuthority: c.e.rentalAuthority,
        tokenProgram: TOKEN_PROGRAM_ID,
      },
    );
  }

  private rentalClose(ri: number, closer: string): void {
    this.run({
      label: `close_rental r${ri} by ${closer === this.s.wallets[this.s.rentals[ri].renter].key ? "the renter" : closer === this.s.rentals[ri].provider ? "the provider" : "a third party"}`,
      model: (m) => {
        Escrow.close(m, ri, closer);
      },
      ixs: () => [this.closeIx(ri, closer)],
    });
  }

  private resolve(
    ri: number,
    signer: string,
    refund: bigint,
    payAfter: boolean,
    slashK: number,
    fraction: number,
    renterShare: number,
  ) {
    const c = this.chain;
    const s = this.s;
    const r = s.rentals[ri];
    const n = s.nodes[r.node];
    // slashK: 0..2 no slash, 3..4 slash, 5 slash without its accounts
    const withSlash = slashK >= 3;
    const omit = slashK === 5;
    const ri2 = withSlash ? this.newRecord(r.node) : -1;
    const rec = withSlash ? s.records[ri2] : undefined;
    const reason: Reason = fraction === 10_000 ? "dataLeak" : "qosFailure";
    const provider = s.wallets.find((w) => w.key === r.provider);
    return this.run({
      label: `resolve_dispute r${ri} refund ${refund} payAfter ${payAfter}${withSlash ? ` slash ${fraction} bps share ${renterShare}${omit ? " (accounts missing)" : ""}` : ""}${
        signer !== s.ecfg.disputeAuthority ? " by a non-authority" : ""
      }`,
      slashes: withSlash ? [r.node] : [],
      model: (m) =>
        Escrow.resolve(m, ri, {
          signer,
          refundBps: refund,
          payAfterDispute: payAfter,
          slash: withSlash
            ? {
                recordIndex: ri2,
                reason,
                fractionBps: BigInt(fraction),
                renterShareBps: BigInt(renterShare),
                omitAccounts: omit,
              }
            : undefined,
        }),
      ixs: () => [
        ixOf(
          c.escrow,
          "resolveDispute",
          {
            args: {
              refundBps: Number(refund),
              payAfterDispute: payAfter,
              slash: withSlash
                ? {
                    evidenceHash: Array.from(Buffer.from(rec!.evidence, "hex")),
                    reason: { [reason]: {} },
                    fractionBps: fraction,
                    renterShareBps: renterShare,
                  }
                : null,
            },
          },
          {
            disputeAuthority: pk(signer),
            config: c.e.config,
            rental: pk(r.addr),
            vault: pk(r.vault),
            providerTokens: pk(provider ? provider.tokens : s.wallets[0].tokens),
            renterTokens: pk(s.wallets[r.renter].tokens),
            treasury: pk(s.ecfg.treasury),
            paymentMint: c.p.stakeMint,
            node: pk(r.nodeKey),
            stakingConfig: c.p.config,
            rentalAuthority: c.e.rentalAuthority,
            stakingSpecTier: withSlash && !omit ? pk(s.tiers[n.tier].addr) : null,
            slashRecord: withSlash && !omit ? pk(rec!.addr) : null,
            nodeVault: withSlash && !omit ? pk(n.vault) : null,
            stakingTreasury: withSlash && !omit ? pk(s.scfg.treasury) : null,
            tokenProgram: TOKEN_PROGRAM_ID,
          },
        ),
      ],
    });
  }

  private warp(k: number, r: bigint): void {
    const s = this.s;
    const targets: bigint[] = [];
    const add = (t: bigint) => targets.push(t - 1n, t, t + 1n);
    switch (k) {
      case 0:
      case 1:
        targets.push(s.now + 1n + (r % 100n));
        break;
      case 2: {
        const e = s.scfg.epochSeconds;
        add((s.now / e + 1n) * e);
        break;
      }
      case 3:
        for (const n of s.nodes)
          if (n.exists && n.providerUnbonding > 0n) add(n.providerUnbondingReadyAt);
        for (const d of s.dels) if (d.exists && d.unbondingShares > 0n) add(d.unbondingReadyAt);
        for (const n of s.nodes)
          if (n.exists && n.commissionEffectiveAt > 0n) add(n.commissionEffectiveAt);
        break;
      case 4:
        for (const x of s.rentals) if (x.exists) add(x.m.endTs);
        break;
      case 5:
        for (const x of s.rentals) if (x.exists) add(x.m.endTs + x.windowSeconds);
        break;
      case 6:
        for (const x of s.rentals)
          if (x.exists && x.m.status === "disputed") add(x.m.disputedAt + x.timeoutSeconds);
        break;
      case 7:
        targets.push(s.now + (r % (30n * 86_400n)));
        break;
      case 8:
        targets.push(s.now + SLASH_RECORD_RETENTION + (r % 3n));
        break;
      default:
        targets.push(s.now + (r % 3600n));
    }
    const future = targets.filter((t) => t > s.now);
    if (!future.length) return;
    const t = future[Number(r % BigInt(future.length))];
    this.warpTo(t);
  }

  warpTo(t: bigint): void {
    const s = this.s;
    this.chain.warpTo(t);
    s.now = this.chain.now();
    s.slot = this.chain.slot();
    this.trace.push(`warp to +${t - this.start} (now ${s.now}, slot ${s.slot})`);
    this.stats.ops++;
    this.count("warp", true);
  }
  private readonly start = this.chain.now();

  // ---- executing one step ----------------------------------------------------

  private count(label: string, ok: boolean): void {
    const k = label.split(" ")[0];
    const e = (this.stats.byOp[k] ??= { ok: 0, fail: 0 });
    if (ok) e.ok++;
    else e.fail++;
  }

  private raw(label: string, ixs: TransactionInstruction[]): void {
    const o = this.chain.send(ixs);
    if (!o.ok) throw new PropertyFailure(`${label} failed: ${o.code}\n${o.logs.join("\n")}`);
  }

  simulate(ixs: TransactionInstruction[]): Outcome {
    // A simulation writes nothing; the next comparison would catch it if it did.
    return this.chain.simulate(ixs);
  }

  /** Predicts with the model, runs on chain, compares everything. */
  run(step: Step): void {
    const s = this.s;
    const next = cloneState(s);
    let predicted: string | undefined;
    try {
      step.model(next);
    } catch (e) {
      if (e instanceof Fail) predicted = e.code;
      else if (e instanceof Finding)
        throw new PropertyFailure(`finding at "${step.label}": ${e.message}`);
      else throw e;
    }
    const ixs = step.ixs ? step.ixs() : [];
    let out: Outcome & { writable?: PublicKey[] } = { ok: true, logs: [] };
    let before: Map<PublicKey, string> | undefined;
    if (ixs.length) {
      if (predicted !== undefined) before = this.snapshot(this.chain.serialize(ixs).writable);
      out = this.chain.send(ixs);
      this.stats.txs++;
    }
    this.stats.ops++;
    this.count(step.label, out.ok);
    const line = `${step.label} -> ${out.ok ? "ok" : out.code}`;
    this.trace.push(line);
    if (this.verbose) console.log(line);
    if (predicted !== undefined) {
      this.stats.failuresPredicted++;
      this.stats.errors[predicted] = (this.stats.errors[predicted] ?? 0) + 1;
      if (out.ok)
        throw new PropertyFailure(`"${step.label}" succeeded; the model predicted ${predicted}`);
      if (out.code !== predicted)
        throw new PropertyFailure(
          `"${step.label}" failed with ${out.code}; the model predicted ${predicted}\n${out.logs.join("\n")}`,
        );
      if (before) this.expectSnapshot(before, step.label);
      return;
    }
    if (!out.ok)
      throw new PropertyFailure(
        `"${step.label}" failed with ${out.code}; the model predicted success\n${out.logs.join("\n")}`,
      );
    if (step.returned) step.returned(out.returnData);
    const old = { ...s };
    Object.assign(s, next);
    const writable = new Set<string>();
    for (const k of out.writable ?? []) writable.add(keyId(k));
    this.compare(step.label, old, writable);
    this.invariants(step.label, old, step.slashes ?? []);
  }

  // ---- comparisons -----------------------------------------------------------

  /** Lamports and data of the accounts a transaction may write (a failed one must leave them as they were). */
  private snapshot(keys: PublicKey[]): Map<PublicKey, string> {
    const snap = new Map<PublicKey, string>();
    for (const k of keys) {
      if (k.equals(this.chain.payer)) continue; // pays the fee
      const acc = this.chain.account(k);
      snap.set(k, acc ? `${acc.lamports}|${Buffer.from(acc.data).toString("latin1")}` : "-");
    }
    return snap;
  }
  private expectSnapshot(before: Map<PublicKey, string>, label: string): void {
    for (const [k, v] of before) {
      const acc = this.chain.account(k);
      const now = acc ? `${acc.lamports}|${Buffer.from(acc.data).toString("latin1")}` : "-";
      if (now !== v)
        throw new PropertyFailure(`"${label}" failed but changed account ${k.toBase58()}`);
    }
  }

  private diff(
    what: string,
    expected: Record<string, unknown>,
    actual: Record<string, unknown>,
    label: string,
  ): void {
    for (const k of Object.keys(expected)) {
      const e = JSON.stringify(expected[k], big);
      const a = JSON.stringify(actual[k], big);
      if (e !== a)
        throw new PropertyFailure(
          `after "${label}": ${what}.${k} is ${a} on chain, the model says ${e}`,
        );
    }
  }

  /**
   * Compares the chain with the model. An account is decoded when the
   * transaction could write it or the model says it changed; the others
   * were equal after the previous step and neither side moved.
   */
  compare(label: string, old: State | undefined, writable: Set<string>): void {
    const c = this.chain;
    const s = this.s;
    const touched = (addr: string, a: unknown, b: unknown) =>
      !old || writable.has(keyId(pk(addr))) || !deepEq(a, b);
    for (const [addr, v] of Object.entries(s.bal)) {
      if (old && !touched(addr, old.bal[addr], v)) continue;
      const b = c.tokenBalance(pk(addr));
      if (b !== v)
        throw new PropertyFailure(
          `after "${label}": token account ${addr} holds ${b}, the model says ${v}`,
        );
    }
    if (old) {
      for (const addr of Object.keys(old.bal)) {
        if (!(addr in s.bal) && c.exists(pk(addr)))
          throw new PropertyFailure(
            `after "${label}": token account ${addr} still exists, the model closed it`,
          );
      }
    }
    if (touched(c.p.config.toBase58(), old?.scfg, s.scfg)) {
      const expScfg = {
        admin: s.scfg.admin,
        pendingAdmin: s.scfg.pendingAdmin,
        treasury: s.scfg.treasury,
        minProviderStake: s.scfg.minProviderStake,
        minDelegation: s.scfg.minDelegation,
        maxSlashPerEpoch: s.scfg.maxSlashPerEpoch,
        slashEpoch: s.scfg.slashEpoch,
        slashedInEpoch: s.scfg.slashedInEpoch,
        unbondingSeconds: s.scfg.unbondingSeconds,
        epochSeconds: s.scfg.epochSeconds,
        minUptimeBps: s.scfg.minUptimeBps,
        maxLowEpochs: s.scfg.maxLowEpochs,
        nodesRegistered: s.scfg.nodesRegistered,
        paused: s.scfg.paused,
      };
      this.diff("staking config", expScfg, norm(c.decode(c.staking, "config", c.p.config)!), label);
    }
    if (touched(c.e.config.toBase58(), old?.ecfg, s.ecfg))
      this.diff(
        "escrow config",
        { ...s.ecfg },
        norm(c.decode(c.escrow, "escrowConfig", c.e.config)!),
        label,
      );
    s.tiers.forEach((t, i) => {
      if (!touched(t.addr, old?.tiers[i], t)) return;
      const a = c.decode(c.staking, "specTier", pk(t.addr));
      if (!t.exists) {
        if (a)
          throw new PropertyFailure(
            `after "${label}": tier ${t.id} exists, the model says it does not`,
          );
        return;
      }
      if (!a) throw new PropertyFailure(`after "${label}": tier ${t.id} is missing`);
      const exp = {
        maxNodeStake: t.maxNodeStake,
        minProviderStake: t.minProviderStake,
        maxDelegatedBps: t.maxDelegatedBps,
        active: t.active,
      };
      this.diff(`tier ${t.id}`, exp, norm(a), label);
    });
    s.nodes.forEach((n, i) => {
      if (!touched(n.addr, old?.nodes[i], n) && !touched(n.vault, old?.nodes[i], n)) return;
      const a = c.decode(c.staking, "node", pk(n.addr));
      if (!n.exists) {
        if (a)
          throw new PropertyFailure(
            `after "${label}": node #${i} exists, the model says it was closed`,
          );
        if (c.exists(pk(n.vault)))
          throw new PropertyFailure(`after "${label}": node #${i}'s vault still exists`);
        return;
      }
      if (!a) throw new PropertyFailure(`after "${label}": node #${i} is missing`);
      this.diff(`node #${i}`, expectedNode(n, s), norm(a), label);
    });
    s.dels.forEach((d, i) => {
      if (!touched(d.addr, old?.dels[i], d)) return;
      const a = c.decode(c.staking, "delegation", pk(d.addr));
      if (!d.exists) {
        if (a)
          throw new PropertyFailure(
            `after "${label}": delegation of wallet ${d.delegator} to node #${d.node} exists, the model says it does not`,
          );
        return;
      }
      if (!a)
        throw new PropertyFailure(
          `after "${label}": delegation of wallet ${d.delegator} to node #${d.node} is missing`,
        );
      this.diff(`delegation w${d.delegator}->#${d.node}`, expectedDelegation(d), norm(a), label);
    });
    s.rentals.forEach((r, i) => {
      if (!touched(r.addr, old?.rentals[i], r)) return;
      const a = c.decode(c.escrow, "rental", pk(r.addr));
      if (!r.exists) {
        if (a)
          throw new PropertyFailure(
            `after "${label}": rental r${i} exists, the model says it does not`,
          );
        if (c.exists(pk(r.vault)))
          throw new PropertyFailure(`after "${label}": rental r${i}'s vault still exists`);
        return;
      }
      if (!a) throw new PropertyFailure(`after "${label}": rental r${i} is missing`);
      this.diff(`rental r${i}`, expectedRental(r), norm(a), label);
    });
    s.records.forEach((r, i) => {
      if (!touched(r.addr, old?.records[i], r)) return;
      const a = c.decode(c.staking, "slashRecord", pk(r.addr));
      if (!r.exists) {
        if (a)
          throw new PropertyFailure(
            `after "${label}": slash record ${i} exists, the model says it does not`,
          );
        return;
      }
      if (!a) throw new PropertyFailure(`after "${label}": slash record ${i} is missing`);
      const exp = {
        amount: r.amount,
        toRenter: r.toRenter,
        fractionBps: r.fractionBps,
        reason: r.reason,
        slashedAt: r.slashedAt,
        authority: r.authority,
        payer: r.payer,
      };
      this.diff(`slash record ${i}`, exp, norm(a), label);
    });
  }

  // ---- invariants ------------------------------------------------------------

  private invariants(label: string, old: State, slashed: number[]): void {
    const s = this.s;
    const bad = (why: string) => {
      throw new PropertyFailure(`invariant broken after "${label}": ${why}`);
    };
    // 1. conservation: every token of the run is in one of its accounts
    let total = 0n;
    for (const v of Object.values(s.bal)) total += v;
    if (total !== s.funded)
      bad(`tokens not conserved: ${total} in the accounts, ${s.funded} funded`);
    s.nodes.forEach((n, i) => {
      if (!n.exists) return;
      // 2. vault coverage
      const liabilities =
        n.providerStake + n.providerUnbonding + n.poolTokens + n.unbondingTokens + n.reserve;
      if (s.bal[n.vault] < liabilities)
        bad(`node #${i}'s vault holds ${s.bal[n.vault]} < liabilities ${liabilities}`);
      // 3. reward entitlements: exact, and within the reserve
      let entitled = 0n;
      for (const d of s.dels) {
        if (!d.exists || d.node !== i || d.incarnation !== n.incarnation) continue;
        const accEnd = d.poolGeneration === n.poolGeneration ? n.acc : n.wipedAcc[d.poolGeneration];
        entitled += d.pending * SCALE + d.carry + d.shares * (accEnd - d.ckpt);
      }
      if (entitled !== n.owed)
        bad(
          `node #${i}: delegations are entitled to ${entitled} (scaled), the ledger owes ${n.owed}`,
        );
      if ((n.reserve - n.operatorRewards) * SCALE < n.owed + n.remainder)
        bad(
          `node #${i}: entitlements ${n.owed} + remainder ${n.remainder} exceed the reserve ${n.reserve - n.operatorRewards}`,
        );
      // 4. share prices move only on slashes (and by < 1 base unit of exit/entry rounding in favour of the pool)
      const o = old.nodes[i];
      const [T0, S0, G0, UT0, US0, UG0] = o
        ? [
            o.poolTokens,
            o.poolShares,
            BigInt(o.poolGeneration),
            o.unbondingTokens,
            o.unbondingShares,
            BigInt(o.unbondingGeneration),
          ]
        : [0n, 0n, 0n, 0n, 0n, 0n];
      const check = (
        name: string,
        t0: bigint,
        s0: bigint,
        g0: bigint,
        t1: bigint,
        s1: bigint,
        g1: bigint,
      ) => {
        if (s0 === 0n || s1 === 0n || g0 !== g1) return;
        const cross = t1 * s0 - t0 * s1; // sign of price change × s0·s1
        if (slashed.includes(i)) {
          if (cross > 0n) bad(`node #${i}: the ${name} share price rose in a slash`);
        } else {
          if (cross < 0n)
            bad(
              `node #${i}: the ${name} share price fell without a slash (${t0}/${s0} -> ${t1}/${s1})`,
            );
          if (cross >= s0)
            bad(`node #${i}: the ${name} share price rose by a base unit or more without a slash`);
        }
      };
      check("pool", T0, S0, G0, n.poolTokens, n.poolShares, BigInt(n.poolGeneration));
      check(
        "unbonding",
        UT0,
        US0,
        UG0,
        n.unbondingTokens,
        n.unbondingShares,
        BigInt(n.unbondingGeneration),
      );
      // 5. status follows stake and the minimum it was last evaluated against
      if (n.status !== "jailed" && n.status !== statusRule(n, n.evalMin))
        bad(
          `node #${i} is ${n.status} with provider stake ${n.providerStake} / minimum ${n.evalMin}`,
        );
      if (n.poolGeneration > MAX_POOL_WIPES) bad(`node #${i}: pool generation ${n.poolGeneration}`);
    });
    s.rentals.forEach((r, i) => {
      if (!r.exists) return;
      const m = r.m;
      if (s.bal[r.vault] < m.held())
        bad(`rental r${i}'s vault holds ${s.bal[r.vault]} < ${m.held()} owed`);
      if (m.claimed + m.refunded > m.deposited || m.feesCollected + m.feesRefunded > m.renterFees)
        bad(`rental r${i} paid out more than escrowed`);
      if (m.claimed > m.accrualAt(m.endTs).tokens)
        bad(`rental r${i}: the provider got more than accrued by end_ts`);
    });
  }

  // ---- the full drain ----------------------------------------------------------

  private onDelegation(di: number, o: Op): void {
    this.forceDel = di;
    try {
      this.execOp(o);
    } finally {
      this.forceDel = undefined;
    }
  }
  private onNode(i: number, o: Op, extraEdges: bigint[] = []): void {
    this.forceNode = i;
    try {
      this.execOp(o, extraEdges);
    } finally {
      this.forceNode = undefined;
    }
  }
  private onRental(ri: number, o: Op): void {
    this.forceRental = ri;
    try {
      this.execOp(o);
    } finally {
      this.forceRental = undefined;
    }
  }

  /** Closes everything: every claim, exit and close; then checks nothing is left. */
  drain(): void {
    const s = this.s;
    const c = this.chain;
    // `s.nodes` etc. are replaced by each step: always index them afresh.
    const must = (label: string, f: () => void) => {
      const failures = this.stats.failuresPredicted;
      f();
      if (this.stats.failuresPredicted !== failures) {
        const last = this.trace[this.trace.length - 1];
        if (!/NothingTo(Claim|Withdraw)/.test(last))
          throw new PropertyFailure(`drain: ${label} cannot succeed: ${last}`);
      }
    };
    this.trace.push("---- drain ----");
    // Admin: hand the admin back, unpause (exits need no admin, claims need no pause).
    for (const escrow of [false, true]) {
      const cfg = () => (escrow ? s.ecfg : s.scfg);
      if (cfg().admin !== s.payer) {
        const payer = s.payer;
        const prog = escrow ? c.escrow : c.staking;
        const config = escrow ? c.e.config : c.p.config;
        const M = escrow ? Escrow : Staking;
        const admin = cfg().admin;
        must("propose_admin", () =>
          this.run({
            label: `${escrow ? "escrow" : "staking"} propose_admin payer`,
            model: (m) => M.proposeAdmin(m, admin, payer),
            ixs: () => [
              ixOf(prog, "proposeAdmin", { proposed: c.payer }, { admin: pk(admin), config }),
            ],
          }),
        );
        must("accept_admin", () =>
          this.run({
            label: `${escrow ? "escrow" : "staking"} accept_admin by the payer`,
            model: (m) => M.acceptAdmin(m, payer),
            ixs: () => [ixOf(prog, "acceptAdmin", {}, { newAdmin: c.payer, config })],
          }),
        );
      }
      if (cfg().paused)
        must("unpause", () => this.execOp({ t: "pause", escrow, paused: false, other: false }));
    }
    // Rentals: resolve or let disputes expire, cancel or run out, claim, close.
    for (let ri = 0; ri < s.rentals.length; ri++) {
      const r = s.rentals[ri];
      if (!r.exists) continue;
      if (r.m.status === "disputed" && ri % 2 === 0)
        must(`resolve r${ri}`, () =>
          this.resolve(
            ri,
            s.ecfg.disputeAuthority,
            BigInt((ri * 3331) % 10_001),
            ri % 4 === 0,
            0,
            1,
            0,
          ),
        );
      else if (r.m.status === "active" && s.now < r.m.endTs && ri % 3 === 0)
        must(`cancel r${ri}`, () => this.onRental(ri, { t: "cancel", rental: ri, other: false }));
    }
    let latest = s.now;
    for (const r of s.rentals) {
      if (!r.exists) continue;
      const t =
        r.m.status === "disputed"
          ? r.m.disputedAt + r.timeoutSeconds
          : r.m.endTs + r.windowSeconds + 1n;
      if (t > latest) latest = t;
    }
    if (latest > s.now) this.warpTo(latest);
    for (let ri = 0; ri < s.rentals.length; ri++) {
      if (!s.rentals[ri].exists) continue;
      const st = s.rentals[ri].m.status;
      if (st !== "resolved" && st !== "disputed" && ri % 2 === 1) {
        const f = this.stats.failuresPredicted;
        this.onRental(ri, { t: "claimRental", rental: ri, other: false });
        if (
          this.stats.failuresPredicted !== f &&
          !/NothingToClaim/.test(this.trace[this.trace.length - 1])
        )
          throw new PropertyFailure(`drain: claim r${ri}: ${this.trace[this.trace.length - 1]}`);
      }
      const r = s.rentals[ri];
      const closer = ri % 3 === 2 ? r.provider : s.wallets[r.renter].key;
      must(`close r${ri}`, () => this.rentalClose(ri, closer));
    }
    // Nodes: unjail, the provider exits first (so anyone may undelegate).
    for (let i = 0; i < s.nodes.length; i++) {
      if (!s.nodes[i].exists) continue;
      if (s.nodes[i].status === "jailed")
        must(`unjail #${i}`, () => this.onNode(i, { t: "unjail", node: i, other: false }));
      if (s.nodes[i].providerStake > 0n)
        must(`request_unstake #${i}`, () =>
          this.onNode(i, { t: "unstake", node: i, amt: { k: 7, r: 0n }, other: false }),
        );
    }
    for (let di = 0; di < s.dels.length; di++) {
      const d0 = s.dels[di];
      const n0 = s.nodes[d0.node];
      if (!d0.exists || !n0.exists || d0.incarnation !== n0.incarnation) continue;
      // settle first: shares of a wiped generation are dropped, not undelegated
      must(`settle ${di}`, () =>
        this.onDelegation(di, { t: "settle", node: d0.node, who: d0.delegator }),
      );
      const d = s.dels[di];
      if (d.shares > 0n) {
        const third = di % 2 === 1;
        const owner = s.wallets[d.delegator].key;
        const shares = d.shares;
        const nodeAddr = s.nodes[d.node].addr;
        must(`undelegate ${di}`, () =>
          this.run({
            label: `undelegate #${d.node} wallet ${d.delegator} all ${shares} shares${third ? " (permissionless)" : ""}`,
            model: (m) => {
              Staking.undelegate(m, di, third ? m.payer : owner, shares);
            },
            ixs: () => [
              ixOf(
                c.staking,
                "undelegate",
                { shares: bnOf(shares) },
                {
                  signer: third ? c.payer : pk(owner),
                  delegator: pk(owner),
                  config: c.p.config,
                  node: pk(nodeAddr),
                  delegation: pk(d.addr),
                },
              ),
            ],
          }),
        );
      }
    }
    let ready = s.now;
    for (const n of s.nodes)
      if (n.exists && n.providerUnbonding > 0n && n.providerUnbondingReadyAt > ready)
        ready = n.providerUnbondingReadyAt;
    for (const d of s.dels)
      if (d.exists && d.unbondingShares > 0n && d.unbondingReadyAt > ready)
        ready = d.unbondingReadyAt;
    if (ready > s.now) this.warpTo(ready);
    for (let i = 0; i < s.nodes.length; i++) {
      if (s.nodes[i].exists && s.nodes[i].providerUnbonding > 0n)
        must(`withdraw_unstaked #${i}`, () =>
          this.onNode(i, { t: "withdrawUnstaked", node: i, other: false }),
        );
    }
    for (let di = 0; di < s.dels.length; di++) {
      const d = s.dels[di];
      const n = s.nodes[d.node];
      if (!d.exists || !n.exists || d.incarnation !== n.incarnation) continue;
      const third = di % 3 === 1;
      if (d.unbondingShares > 0n)
        must(`withdraw_undelegated ${di}`, () =>
          this.onDelegation(di, {
            t: "withdrawUndelegated",
            node: d.node,
            who: d.delegator,
            third,
            destThird: false,
          }),
        );
      must(`claim_rewards ${di}`, () =>
        this.onDelegation(di, {
          t: "claimRewards",
          node: d.node,
          who: d.delegator,
          third,
          destThird: false,
        }),
      );
      must(`close_delegation ${di}`, () =>
        this.onDelegation(di, { t: "closeDelegation", node: d.node, who: d.delegator }),
      );
    }
    for (let i = 0; i < s.nodes.length; i++) {
      if (!s.nodes[i].exists) continue;
      if (s.nodes[i].operatorRewards > 0n)
        must(`claim_operator #${i}`, () =>
          this.onNode(i, { t: "claimOperator", node: i, other: false }),
        );
      const { donated, delegationsOpened, maxPoolShares } = s.nodes[i];
      const before = s.bal[s.nodes[i].vault];
      must(`close_node #${i}`, () => this.onNode(i, { t: "closeNode", node: i, other: false }));
      if (s.nodes[i].exists) throw new PropertyFailure(`drain: node #${i} did not close`);
      // the documented drift bound on what is left after everyone claimed
      const dust = before - donated;
      const bound = delegationsOpened + (maxPoolShares + SCALE - 1n) / SCALE;
      if (dust < 0n || dust > bound)
        throw new PropertyFailure(`drain: node #${i} left ${dust} reward dust, bound ${bound}`);
    }
    // Delegations of nodes closed earlier (their rent), then slash records.
    for (let di = 0; di < s.dels.length; di++) {
      const d = s.dels[di];
      if (!d.exists) continue;
      must(`close_delegation ${di} (node gone)`, () =>
        this.run({
          label: `close_delegation #${d.node} wallet ${d.delegator} (old node)`,
          model: (m) => Staking.closeDelegation(m, di),
          ixs: () => [
            ixOf(
              c.staking,
              "closeDelegation",
              {},
              {
                delegator: pk(s.wallets[d.delegator].key),
                node: pk(s.nodes[d.node].addr),
                delegation: pk(d.addr),
              },
            ),
          ],
        }),
      );
    }
    if (s.records.some((r) => r.exists)) {
      const last = s.records.reduce((t, r) => (r.exists && r.slashedAt > t ? r.slashedAt : t), 0n);
      this.warpTo(last + SLASH_RECORD_RETENTION);
      for (let ri = 0; ri < s.records.length; ri++)
        if (s.records[ri].exists)
          must(`close_slash_record ${ri}`, () => this.execOp({ t: "closeSlashRecord", rec: ri }));
    }
    // Nothing left: every program account and vault of the run is gone.
    for (const n of s.nodes)
      if (c.exists(pk(n.addr)) || c.exists(pk(n.vault)))
        throw new PropertyFailure(`drain: node ${n.addr} left`);
    for (const d of s.dels)
      if (c.exists(pk(d.addr))) throw new PropertyFailure(`drain: delegation ${d.addr} left`);
    for (const r of s.rentals)
      if (c.exists(pk(r.addr)) || c.exists(pk(r.vault)))
        throw new PropertyFailure(`drain: rental ${r.addr} left`);
    for (const r of s.records)
      if (c.exists(pk(r.addr))) throw new PropertyFailure(`drain: slash record ${r.addr} left`);
    // The treasuries hold exactly the slashes, dust and fees the model expects.
    const st = c.tokenBalance(pk(s.scfg.treasury))! - this.stakingTreasury0;
    const et = c.tokenBalance(pk(s.ecfg.treasury))! - this.escrowTreasury0;
    const expSt = s.toStakingTreasury.slashes + s.toStakingTreasury.swept;
    if (st !== expSt)
      throw new PropertyFailure(`drain: staking treasury got ${st}, expected ${expSt}`);
    if (et !== s.toEscrowTreasury.fees)
      throw new PropertyFailure(
        `drain: escrow treasury got ${et}, expected ${s.toEscrowTreasury.fees}`,
      );
    let held = 0n;
    for (const w of s.wallets) held += c.tokenBalance(pk(w.tokens))!;
    held +=
      c.tokenBalance(pk(s.source))! +
      c.tokenBalance(pk(s.scfg.treasury))! +
      c.tokenBalance(pk(s.ecfg.treasury))!;
    if (held !== s.funded)
      throw new PropertyFailure(
        `drain: wallets and treasuries hold ${held}, ${s.funded} was funded`,
      );
  }
}

// ---- chain ↔ model views ---------------------------------------------------------

export function big(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

/** Decoded Anchor account → plain values (BN → bigint, keys → base58, enums → name). */
function norm(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = normValue(v);
  return out;
}
function normValue(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (typeof v === "number") return BigInt(v);
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof PublicKey) return v.toBase58();
  if (Array.isArray(v)) return v.map(normValue);
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Array.from(v).map((x) => BigInt(x));
  const o = v as Record<string, unknown>;
  if (
    typeof (o as { toArray?: unknown }).toArray === "function" &&
    typeof (o as { toString?: unknown }).toString === "function" &&
    "negative" in o
  )
    return BigInt((o as { toString(): string }).toString());
  const keys = Object.keys(o);
  if (
    keys.length === 1 &&
    typeof o[keys[0]] === "object" &&
    o[keys[0]] !== null &&
    Object.keys(o[keys[0]] as object).length === 0
  )
    return keys[0];
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = normValue(x);
  return out;
}

function expectedNode(n: NodeM, s: State): Record<string, unknown> {
  return {
    operator: s.wallets[n.operator].key,
    nodeId: n.nodeId,
    vault: n.vault,
    specTier: BigInt(s.tiers[n.tier].id),
    gpuCount: BigInt(n.gpuCount),
    status: n.status,
    priceMicroUsdPerHour: n.price,
    qosAddons: n.addons.map((a) => ({ id: BigInt(a.id), priceMicroUsdPerHour: a.price })),
    commissionBps: n.commissionBps,
    pendingCommissionBps: n.pendingCommissionBps,
    commissionEffectiveAt: n.commissionEffectiveAt,
    activeRentals: n.activeRentals,
    consecutiveLowEpochs: n.consecutiveLowEpochs,
    rewardedUntil: n.rewardedUntil,
    providerStake: n.providerStake,
    providerUnbonding: n.providerUnbonding,
    providerUnbondingReadyAt: n.providerUnbondingReadyAt,
    poolTokens: n.poolTokens,
    poolShares: n.poolShares,
    poolGeneration: BigInt(n.poolGeneration),
    unbondingTokens: n.unbondingTokens,
    unbondingShares: n.unbondingShares,
    unbondingGeneration: BigInt(n.unbondingGeneration),
    accRewardPerShare: n.acc,
    wipedAcc: n.wipedAcc,
    stalePoolShares: n.staleShares,
    rewardRemainder: n.remainder,
    delegatorRewardsOwed: n.owed,
    delegatorPending: n.delegatorPending,
    rewardReserve: n.reserve,
    operatorRewards: n.operatorRewards,
    totalSlashed: n.totalSlashed,
    registeredAt: n.registeredAt,
    incarnation: n.incarnation,
  };
}

function expectedDelegation(d: DelegationM): Record<string, unknown> {
  return {
    node: d.nodeKey,
    nodeIncarnation: d.incarnation,
    shares: d.shares,
    poolGeneration: BigInt(d.poolGeneration),
    rewardCheckpoint: d.ckpt,
    rewardCarry: d.carry,
    pendingRewards: d.pending,
    unbondingShares: d.unbondingShares,
    unbondingGeneration: BigInt(d.unbondingGeneration),
    unbondingReadyAt: d.unbondingReadyAt,
  };
}

function expectedRental(r: RentalM): Record<string, unknown> {
  const m = r.m;
  const periods = [...m.periods.map((p) => ({ endTs: p.endTs, tokens: p.tokens, fee: p.fee }))];
  while (periods.length < 8) periods.push({ endTs: 0n, tokens: 0n, fee: 0n });
  return {
    node: r.nodeKey,
    provider: r.provider,
    rentalId: r.rentalId,
    clusterId: r.clusterId,
    vault: r.vault,
    qosAddonIds: r.addonIds.map((x) => BigInt(x)),
    rateMicroUsdPerHour: r.rate,
    price: r.price,
    conf: r.conf,
    expo: BigInt(r.expo),
    publishTime: r.publishTime,
    startTs: m.startTs,
    endTs: m.endTs,
    periods,
    periodCount: BigInt(m.periods.length),
    reservationFeeBps: m.rules.feeBps,
    claimHoldbackBps: m.rules.holdbackBps,
    disputeWindowSeconds: r.windowSeconds,
    disputeTimeoutSeconds: r.timeoutSeconds,
    deposited: m.deposited,
    renterFees: m.renterFees,
    claimed: m.claimed,
    feesCollected: m.feesCollected,
    refunded: m.refunded,
    feesRefunded: m.feesRefunded,
    feesHeld: m.feesHeld,
    status: m.status,
    disputedAt: m.disputedAt,
    nodeLocked: r.nodeLocked,
  };
}

/** Structural equality of model values (plain objects, arrays, bigints). */
function deepEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEq(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a as object);
  if (ka.length !== Object.keys(b as object).length) return false;
  for (const k of ka)
    if (!deepEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
