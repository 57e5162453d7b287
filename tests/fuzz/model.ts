// A BigInt reference model of both programs, written from their documented
// rules and mirroring their checks in order: every instruction either throws
// `Fail(code)` (the error the program must return, named `program:Error`)
// or updates the model, including every token balance. Addresses are
// base58 strings so that the whole state clones with structuredClone.
//
// The model never predicts `NodeInvariantViolated` / `RentalInvariantViolated`
// or a checked-arithmetic failure inside an invariant: when the program's own
// invariant would trip, that is a finding, thrown as `Finding`.
import { quoteTokens, RentalModel } from "../helpers/escrow";

export const U64 = (1n << 64n) - 1n;
export const U128 = (1n << 128n) - 1n;
export const I64_MAX = (1n << 63n) - 1n;
export const SCALE = 1_000_000_000_000n;
export const BPS = 10_000n;
export const MAX_POOL_WIPES = 4;
export const MAX_SHARES_PER_TOKEN = 1_000n;
export const SLASH_RECORD_RETENTION = 90n * 86_400n;
export const MAX_UNBONDING_SECONDS = 365n * 86_400n;
export const MAX_RENTAL_SECONDS = 90n * 86_400n;
export const MAX_RENTAL_PERIODS = 8;
export const MAX_FUTURE_SECONDS = 5n;
export const DECIMALS = 9;

/** The program must fail with `code`. */
export class Fail extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}
/** The model found a rule broken (a program invariant would trip, a drain step is impossible). */
export class Finding extends Error {}

const fail = (code: string): never => {
  throw new Fail(code);
};
const req = (cond: boolean, code: string): void => {
  if (!cond) throw new Fail(code);
};
export const S_ = (n: string) => `staking:${n}`;
export const E_ = (n: string) => `escrow:${n}`;
export const INSUFFICIENT_FUNDS = "token:0x1";
export const ALREADY_IN_USE = "system:0x0";

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

function add64(a: bigint, b: bigint, prog = "staking"): bigint {
  const r = a + b;
  if (r > U64) fail(`${prog}:MathOverflow`);
  return r;
}
function sub64(a: bigint, b: bigint, prog = "staking"): bigint {
  if (b > a) fail(`${prog}:MathOverflow`);
  return a - b;
}
function mulDivFloor(a: bigint, b: bigint, c: bigint): bigint {
  if (c === 0n) fail(S_("MathOverflow"));
  const q = (a * b) / c;
  if (q > U64) fail(S_("MathOverflow"));
  return q;
}
const bpsOf = (amount: bigint, bps: bigint) => mulDivFloor(amount, bps, BPS);

// ---- state ------------------------------------------------------------------

export type NodeStatus = "pending" | "active" | "jailed" | "exiting";
export type Reason = "dataLeak" | "qosFailure" | "other";

export interface Addon {
  id: number;
  price: bigint;
}

export interface StakingConfigM {
  admin: string;
  pendingAdmin: string;
  treasury: string;
  minProviderStake: bigint;
  minDelegation: bigint;
  maxSlashPerEpoch: bigint;
  slashEpoch: bigint;
  slashedInEpoch: bigint;
  unbondingSeconds: bigint;
  epochSeconds: bigint;
  minUptimeBps: bigint;
  maxLowEpochs: bigint;
  nodesRegistered: bigint;
  paused: boolean;
  slashAuthority: string;
  rewardAuthority: string;
  rentalAuthority: string;
}

export interface EscrowConfigM {
  admin: string;
  pendingAdmin: string;
  treasury: string;
  disputeAuthority: string;
  maxPriceAgeSeconds: bigint;
  maxPriceAgeSlots: bigint;
  maxConfidenceBps: bigint;
  maxEmaDivergenceBps: bigint;
  reservationFeeBps: bigint;
  claimHoldbackBps: bigint;
  disputeWindowSeconds: bigint;
  disputeTimeoutSeconds: bigint;
  minRentalSeconds: bigint;
  maxTotalRentalSeconds: bigint;
  paused: boolean;
}

export interface PriceM {
  price: bigint;
  conf: bigint;
  expo: number;
  publishTime: bigint;
  publishSlot: bigint;
  ema: bigint;
  trading: boolean;
}

export interface TierM {
  id: number;
  addr: string;
  exists: boolean;
  maxNodeStake: bigint;
  minProviderStake: bigint;
  maxDelegatedBps: bigint;
  active: boolean;
}

export interface NodeM {
  addr: string;
  vault: string;
  operator: number; // wallet index
  nodeId: bigint;
  exists: boolean;
  tier: number; // tier index
  gpuCount: number;
  region: number;
  status: NodeStatus;
  /** Required minimum when the status was last evaluated (the status rule's input). */
  evalMin: bigint;
  price: bigint;
  addons: Addon[]; // always 4 slots
  commissionBps: bigint;
  pendingCommissionBps: bigint;
  commissionEffectiveAt: bigint;
  activeRentals: bigint;
  consecutiveLowEpochs: bigint;
  rewardedUntil: bigint;
  providerStake: bigint;
  providerUnbonding: bigint;
  providerUnbondingReadyAt: bigint;
  poolTokens: bigint;
  poolShares: bigint;
  poolGeneration: number;
  unbondingTokens: bigint;
  unbondingShares: bigint;
  unbondingGeneration: number;
  acc: bigint;
  wipedAcc: bigint[];
  staleShares: bigint;
  remainder: bigint;
  owed: bigint;
  delegatorPending: bigint;
  reserve: bigint;
  operatorRewards: bigint;
  totalSlashed: bigint;
  registeredAt: bigint;
  incarnation: bigint;
  // bookkeeping for the end-of-run checks
  delegationsOpened: bigint;
  maxPoolShares: bigint;
  donated: bigint;
}

export interface DelegationM {
  addr: string;
  node: number;
  delegator: number; // wallet index
  exists: boolean;
  nodeKey: string;
  incarnation: bigint;
  shares: bigint;
  poolGeneration: number;
  ckpt: bigint;
  carry: bigint;
  pending: bigint;
  unbondingShares: bigint;
  unbondingGeneration: number;
  unbondingReadyAt: bigint;
}

export interface RentalM {
  addr: string;
  vault: string;
  renter: number; // wallet index
  node: number; // node index
  nodeKey: string;
  provider: string;
  rentalId: bigint;
  clusterId: bigint;
  exists: boolean;
  addonIds: number[]; // 4 slots
  rate: bigint;
  price: bigint;
  conf: bigint;
  expo: number;
  publishTime: bigint;
  windowSeconds: bigint;
  timeoutSeconds: bigint;
  nodeLocked: boolean;
  m: RentalModel;
}

export interface SlashRecordM {
  addr: string;
  node: number;
  evidence: string; // hex
  exists: boolean;
  reason: Reason;
  fractionBps: bigint;
  amount: bigint;
  toRenter: bigint;
  authority: string;
  payer: string;
  slashedAt: bigint;
}

export interface WalletM {
  key: string;
  tokens: string;
}

export interface State {
  now: bigint;
  slot: bigint;
  payer: string;
  source: string; // the reward authority's token account
  scfg: StakingConfigM;
  ecfg: EscrowConfigM;
  price: PriceM;
  wallets: WalletM[];
  tiers: TierM[];
  nodes: NodeM[];
  dels: DelegationM[];
  rentals: RentalM[];
  records: SlashRecordM[];
  /** Token balances by token-account address (absent = no account). */
  bal: Record<string, bigint>;
  /** What went to each treasury, by kind. */
  toStakingTreasury: { slashes: bigint; swept: bigint };
  toEscrowTreasury: { fees: bigint };
  funded: bigint;
}

export function cloneState(s: State): State {
  const c = structuredClone(s);
  for (const r of c.rentals) Object.setPrototypeOf(r.m, RentalModel.prototype);
  return c;
}

// ---- token movements --------------------------------------------------------

function transfer(s: State, from: string, to: string, amount: bigint): void {
  const a = s.bal[from];
  const b = s.bal[to];
  if (a === undefined || b === undefined)
    throw new Error(`model: transfer between unknown accounts`);
  if (a < amount) fail(INSUFFICIENT_FUNDS);
  s.bal[from] = a - amount;
  s.bal[to] = b + amount;
}

// ---- node_staking -----------------------------------------------------------

export function requiredMinimum(s: State, n: NodeM): bigint {
  return max(s.scfg.minProviderStake, s.tiers[n.tier].minProviderStake);
}

export function statusRule(n: NodeM, required: bigint): NodeStatus {
  if (n.providerStake >= required) return "active";
  if (n.providerStake === 0n && n.providerUnbonding > 0n) return "exiting";
  return "pending";
}

function refreshStatus(n: NodeM, required: bigint): void {
  if (n.status === "jailed") return;
  n.status = statusRule(n, required);
  n.evalMin = required;
}

function activeStake(n: NodeM): bigint {
  return add64(n.providerStake, n.poolTokens);
}

function checkCap(s: State, n: NodeM): void {
  req(activeStake(n) <= s.tiers[n.tier].maxNodeStake, S_("NodeCapExceeded"));
}

function accForGeneration(n: NodeM, g: number): bigint {
  if (g === n.poolGeneration) return n.acc;
  if (g >= MAX_POOL_WIPES) throw new Finding(`acc_for_generation(${g}) out of range`);
  return n.wipedAcc[g];
}

/** Node::invariant: a violation is a finding (the program would revert with NodeInvariantViolated). */
export function nodeInvariant(n: NodeM): void {
  const bad = (why: string) => {
    throw new Finding(`Node::invariant would fail (${why}) on node ${n.addr}`);
  };
  if (n.operatorRewards > n.reserve) bad("operator_rewards > reward_reserve");
  const covered = (n.reserve - n.operatorRewards) * SCALE;
  if (covered < n.owed + n.remainder) bad("reserve does not cover what delegators are owed");
  if (n.owed < n.delegatorPending * SCALE) bad("owed < pending");
  if (n.commissionBps > BPS || n.pendingCommissionBps > BPS) bad("commission");
  if (n.poolTokens > 0n && n.poolShares === 0n) bad("pool tokens without shares");
  if (n.poolShares > 0n && n.poolTokens === 0n && n.poolGeneration < MAX_POOL_WIPES)
    bad("pool shares without tokens");
  if (n.unbondingShares > 0n !== n.unbondingTokens > 0n) bad("unbonding shares vs tokens");
  if (n.poolGeneration > MAX_POOL_WIPES) bad("generation");
}

/** Delegation::settle. */
function settle(d: DelegationM, n: NodeM): void {
  const accEnd = accForGeneration(n, d.poolGeneration);
  if (accEnd < d.ckpt) throw new Finding("settle: accumulator below checkpoint");
  const earned = d.shares * (accEnd - d.ckpt) + d.carry;
  if (d.shares * (accEnd - d.ckpt) > U128 || earned > U128) fail(S_("MathOverflow"));
  const whole = earned / SCALE;
  if (whole > U64) fail(S_("MathOverflow"));
  d.carry = earned % SCALE;
  d.pending = add64(d.pending, whole);
  n.delegatorPending = add64(n.delegatorPending, whole);
  if (d.poolGeneration !== n.poolGeneration) {
    n.staleShares = sub64(n.staleShares, d.shares);
    d.shares = 0n;
    d.poolGeneration = n.poolGeneration;
  }
  d.ckpt = n.acc;
  if (d.unbondingGeneration !== n.unbondingGeneration) {
    d.unbondingShares = 0n;
    d.unbondingReadyAt = 0n;
    d.unbondingGeneration = n.unbondingGeneration;
  }
}

function sharesForDeposit(amount: bigint, tokens: bigint, shares: bigint): bigint {
  if (shares === 0n) return amount;
  req(tokens > 0n, S_("PoolWipedOut"));
  return mulDivFloor(amount, shares, tokens);
}
function tokensForShares(shares: bigint, tokens: bigint, total: bigint): bigint {
  if (total === 0n) return 0n;
  return mulDivFloor(shares, tokens, total);
}

function applyDueCommission(n: NodeM, now: bigint): void {
  if (n.commissionEffectiveAt !== 0n && now >= n.commissionEffectiveAt) {
    n.commissionBps = n.pendingCommissionBps;
    n.commissionEffectiveAt = 0n;
  }
}

const epochAt = (s: State, t: bigint) => (t < 0n ? 0n : t) / s.scfg.epochSeconds;
function epochStart(s: State, e: bigint): bigint {
  const t = e * s.scfg.epochSeconds;
  if (t > U64 || t > I64_MAX) fail(S_("MathOverflow"));
  return t;
}

function liveNode(s: State, i: number): NodeM {
  const n = s.nodes[i];
  req(n.exists, S_("AccountNotInitialized"));
  return n;
}
function liveDelegation(s: State, di: number): DelegationM {
  const d = s.dels[di];
  req(d.exists, S_("AccountNotInitialized"));
  return d;
}

function encodeAddons(addons: Addon[]): Addon[] {
  req(addons.length <= 4, S_("TooManyQosAddons"));
  const out: Addon[] = [];
  for (let i = 0; i < addons.length; i++) {
    const a = addons[i];
    req(a.id !== 0 && a.price > 0n, S_("InvalidPrice"));
    req(!addons.slice(0, i).some((b) => b.id === a.id), S_("DuplicateQosAddon"));
    out.push({ ...a });
  }
  while (out.length < 4) out.push({ id: 0, price: 0n });
  return out;
}

export const Staking = {
  updateConfig(
    s: State,
    signer: string,
    a: Partial<
      Pick<
        StakingConfigM,
        | "minProviderStake"
        | "minDelegation"
        | "maxSlashPerEpoch"
        | "unbondingSeconds"
        | "epochSeconds"
        | "minUptimeBps"
        | "maxLowEpochs"
      >
    > & { treasury?: string },
  ): void {
    const c = s.scfg;
    req(signer === c.admin, S_("Unauthorized"));
    if (a.minProviderStake !== undefined)
      req(a.minProviderStake > 0n, S_("InvalidMinProviderStake"));
    if (a.minDelegation !== undefined) req(a.minDelegation > 0n, S_("InvalidMinDelegation"));
    if (a.maxSlashPerEpoch !== undefined) req(a.maxSlashPerEpoch > 0n, S_("InvalidSlashLimit"));
    if (a.unbondingSeconds !== undefined)
      req(
        a.unbondingSeconds > 0n && a.unbondingSeconds <= MAX_UNBONDING_SECONDS,
        S_("InvalidUnbondingPeriod"),
      );
    if (a.epochSeconds !== undefined) req(a.epochSeconds > 0n, S_("InvalidEpochLength"));
    if (a.minUptimeBps !== undefined) req(a.minUptimeBps <= BPS, S_("InvalidBps"));
    if (a.maxLowEpochs !== undefined) req(a.maxLowEpochs > 0n, S_("InvalidMaxLowEpochs"));
    if (a.minProviderStake !== undefined) c.minProviderStake = a.minProviderStake;
    if (a.minDelegation !== undefined) c.minDelegation = a.minDelegation;
    if (a.maxSlashPerEpoch !== undefined) c.maxSlashPerEpoch = a.maxSlashPerEpoch;
    if (a.unbondingSeconds !== undefined) c.unbondingSeconds = a.unbondingSeconds;
    if (a.epochSeconds !== undefined) {
      const countingNow = c.slashEpoch === epochAt(s, s.now);
      c.epochSeconds = a.epochSeconds;
      if (countingNow) c.slashEpoch = epochAt(s, s.now);
    }
    if (a.minUptimeBps !== undefined) c.minUptimeBps = a.minUptimeBps;
    if (a.maxLowEpochs !== undefined) c.maxLowEpochs = a.maxLowEpochs;
    if (a.treasury !== undefined) c.treasury = a.treasury;
  },

  setPaused(s: State, signer: string, paused: boolean): void {
    req(signer === s.scfg.admin, S_("Unauthorized"));
    s.scfg.paused = paused;
  },

  proposeAdmin(s: State, signer: string, proposed: string): void {
    req(signer === s.scfg.admin, S_("Unauthorized"));
    s.scfg.pendingAdmin = proposed;
  },

  acceptAdmin(s: State, signer: string): void {
    req(s.scfg.pendingAdmin !== DEFAULT_KEY, S_("NoPendingAdmin"));
    req(s.scfg.pendingAdmin === signer, S_("NotPendingAdmin"));
    s.scfg.admin = signer;
    s.scfg.pendingAdmin = DEFAULT_KEY;
  },

  createTier(
    s: State,
    signer: string,
    t: {
      index: number;
      nameLen: number;
      maxNodeStake: bigint;
      minProviderStake: bigint;
      maxDelegatedBps: bigint;
    },
  ): void {
    req(signer === s.scfg.admin, S_("Unauthorized"));
    const tier = s.tiers[t.index];
    req(!tier.exists, ALREADY_IN_USE);
    req(t.nameLen >= 1 && t.nameLen <= 24, S_("InvalidTierName"));
    req(t.maxDelegatedBps <= BPS, S_("InvalidBps"));
    tierInvariant(t.maxNodeStake, t.minProviderStake, t.maxDelegatedBps, s.scfg.minProviderStake);
    Object.assign(tier, {
      exists: true,
      maxNodeStake: t.maxNodeStake,
      minProviderStake: t.minProviderStake,
      maxDelegatedBps: t.maxDelegatedBps,
      active: true,
    });
  },

  updateTier(
    s: State,
    signer: string,
    index: number,
    a: {
      maxNodeStake?: bigint;
      minProviderStake?: bigint;
      maxDelegatedBps?: bigint;
      active?: boolean;
    },
  ): void {
    const tier = s.tiers[index];
    req(tier.exists, S_("AccountNotInitialized"));
    req(signer === s.scfg.admin, S_("Unauthorized"));
    const next = { ...tier };
    if (a.maxNodeStake !== undefined) next.maxNodeStake = a.maxNodeStake;
    if (a.minProviderStake !== undefined) next.minProviderStake = a.minProviderStake;
    if (a.maxDelegatedBps !== undefined) {
      req(a.maxDelegatedBps <= BPS, S_("InvalidBps"));
      next.maxDelegatedBps = a.maxDelegatedBps;
    }
    if (a.active !== undefined) next.active = a.active;
    tierInvariant(
      next.maxNodeStake,
      next.minProviderStake,
      next.maxDelegatedBps,
      s.scfg.minProviderStake,
    );
    Object.assign(tier, next);
  },

  registerNode(
    s: State,
    i: number,
    a: {
      tier: number;
      gpuCount: number;
      price: bigint;
      addons: Addon[];
      commissionBps: bigint;
      region: number;
    },
  ): void {
    const n = s.nodes[i];
    const tier = s.tiers[a.tier];
    req(tier.exists, S_("AccountNotInitialized"));
    req(!s.scfg.paused, S_("Paused"));
    req(tier.active, S_("TierInactive"));
    req(a.gpuCount >= 1 && a.gpuCount <= 1024, S_("InvalidGpuCount"));
    req(a.price > 0n, S_("InvalidPrice"));
    req(a.commissionBps <= BPS, S_("InvalidCommission"));
    const addons = encodeAddons(a.addons);
    // The handler creates the node after its checks.
    req(!n.exists, ALREADY_IN_USE);
    const rewardedUntil = epochStart(s, epochAt(s, s.now));
    s.scfg.nodesRegistered = add64(s.scfg.nodesRegistered, 1n);
    Object.assign(n, freshNodeFields(), {
      exists: true,
      tier: a.tier,
      gpuCount: a.gpuCount,
      region: a.region,
      price: a.price,
      addons,
      commissionBps: a.commissionBps,
      pendingCommissionBps: a.commissionBps,
      rewardedUntil,
      registeredAt: s.now,
      incarnation: s.scfg.nodesRegistered,
    });
    n.evalMin = requiredMinimum(s, n);
    s.bal[n.vault] = 0n;
    nodeInvariant(n);
  },

  updatePricing(s: State, i: number, signer: string, price: bigint, addons: Addon[]): void {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    req(!s.scfg.paused, S_("Paused"));
    req(price > 0n, S_("InvalidPrice"));
    n.addons = encodeAddons(addons);
    n.price = price;
    nodeInvariant(n);
  },

  setCommission(s: State, i: number, signer: string, bps: bigint): void {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    req(!s.scfg.paused, S_("Paused"));
    req(bps <= BPS, S_("InvalidCommission"));
    const effectiveAt = s.now + s.scfg.unbondingSeconds;
    applyDueCommission(n, s.now);
    n.pendingCommissionBps = bps;
    n.commissionEffectiveAt = effectiveAt;
    nodeInvariant(n);
  },

  stake(s: State, i: number, signer: number, amount: bigint): void {
    const n = liveNode(s, i);
    req(s.wallets[signer].key === s.wallets[n.operator].key, S_("NotNodeOperator"));
    req(!s.scfg.paused, S_("Paused"));
    req(amount > 0n, S_("ZeroAmount"));
    req(n.status !== "jailed", S_("NodeJailed"));
    const required = requiredMinimum(s, n);
    n.providerStake = add64(n.providerStake, amount);
    checkCap(s, n);
    refreshStatus(n, required);
    nodeInvariant(n);
    transfer(s, s.wallets[signer].tokens, n.vault, amount);
  },

  requestUnstake(s: State, i: number, signer: string, amount: bigint): void {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    const required = requiredMinimum(s, n);
    req(!s.scfg.paused, S_("Paused"));
    req(amount > 0n, S_("ZeroAmount"));
    req(amount <= n.providerStake, S_("InsufficientStake"));
    if (n.activeRentals > 0n)
      req(n.providerStake - amount >= required, S_("BelowMinimumWithActiveRentals"));
    const readyAt = s.now + s.scfg.unbondingSeconds;
    n.providerStake -= amount;
    n.providerUnbonding = add64(n.providerUnbonding, amount);
    n.providerUnbondingReadyAt = readyAt;
    refreshStatus(n, required);
    nodeInvariant(n);
  },

  withdrawUnstaked(s: State, i: number, signer: string): void {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    const amount = n.providerUnbonding;
    req(amount > 0n, S_("NothingToWithdraw"));
    req(s.now >= n.providerUnbondingReadyAt, S_("UnbondingNotElapsed"));
    const required = requiredMinimum(s, n);
    n.providerUnbonding = 0n;
    n.providerUnbondingReadyAt = 0n;
    refreshStatus(n, required);
    nodeInvariant(n);
    transfer(s, n.vault, s.wallets[n.operator].tokens, amount);
  },

  delegate(s: State, di: number, amount: bigint): bigint {
    const d = s.dels[di];
    const n = liveNode(s, d.node);
    const w = s.wallets[d.delegator];
    // init_if_needed creates the account (rent from the delegator).
    req(!s.scfg.paused, S_("Paused"));
    req(amount > 0n, S_("ZeroAmount"));
    req(amount >= s.scfg.minDelegation, S_("BelowMinimumDelegation"));
    req(w.key !== s.wallets[n.operator].key, S_("SelfDelegation"));
    const required = requiredMinimum(s, n);
    refreshStatus(n, required);
    if (n.status === "jailed") fail(S_("NodeJailed"));
    if (n.status !== "active") fail(S_("NodeNotActive"));
    req(!(n.poolShares > 0n && n.poolTokens === 0n), S_("PoolWipedOut"));
    if (!d.exists || d.incarnation !== n.incarnation) {
      n.delegationsOpened += 1n;
      resetDelegation(d, n);
      d.exists = true;
    }
    settle(d, n);
    const shares = sharesForDeposit(amount, n.poolTokens, n.poolShares);
    if (shares === 0n) throw new Finding("delegate would mint 0 shares");
    n.poolTokens = add64(n.poolTokens, amount);
    n.poolShares = add64(n.poolShares, shares);
    checkCap(s, n);
    const tier = s.tiers[n.tier];
    req(n.poolTokens * BPS <= activeStake(n) * tier.maxDelegatedBps, S_("DelegationShareExceeded"));
    d.shares = add64(d.shares, shares);
    nodeInvariant(n);
    transfer(s, w.tokens, n.vault, amount);
    if (n.poolShares > n.maxPoolShares) n.maxPoolShares = n.poolShares;
    return shares;
  },

  undelegate(s: State, di: number, signer: string, shares: bigint): bigint {
    const d = s.dels[di];
    const n = liveNode(s, d.node);
    liveDelegation(s, di);
    req(!s.scfg.paused, S_("Paused"));
    req(shares > 0n, S_("ZeroAmount"));
    if (signer !== s.wallets[d.delegator].key)
      req(n.providerStake === 0n && shares === d.shares, S_("NotPermissionless"));
    const readyAt = s.now + s.scfg.unbondingSeconds;
    req(d.incarnation === n.incarnation, S_("InsufficientShares"));
    settle(d, n);
    req(shares <= d.shares, S_("InsufficientShares"));
    const tokens = tokensForShares(shares, n.poolTokens, n.poolShares);
    req(tokens > 0n || shares === d.shares, S_("UndelegationTooSmall"));
    n.poolTokens = sub64(n.poolTokens, tokens);
    n.poolShares = sub64(n.poolShares, shares);
    d.shares -= shares;
    if (tokens > 0n) {
      const ushares = sharesForDeposit(tokens, n.unbondingTokens, n.unbondingShares);
      if (ushares === 0n) throw new Finding("undelegate would mint 0 unbonding shares");
      n.unbondingTokens = add64(n.unbondingTokens, tokens);
      n.unbondingShares = add64(n.unbondingShares, ushares);
      d.unbondingShares = add64(d.unbondingShares, ushares);
      d.unbondingReadyAt = readyAt;
    }
    nodeInvariant(n);
    return tokens;
  },

  /** withdraw_undelegated; `dest` is the destination token account (the delegator's unless given). */
  withdrawUndelegated(s: State, di: number, signer: string, dest: number): bigint {
    const d = s.dels[di];
    const n = liveNode(s, d.node);
    liveDelegation(s, di);
    const owner = s.wallets[d.delegator].key;
    req(signer === owner || s.wallets[dest].key === owner, S_("DestinationNotOwned"));
    req(d.incarnation === n.incarnation, S_("NothingToWithdraw"));
    settle(d, n);
    const ushares = d.unbondingShares;
    req(ushares > 0n, S_("NothingToWithdraw"));
    req(s.now >= d.unbondingReadyAt, S_("UnbondingNotElapsed"));
    const amount = tokensForShares(ushares, n.unbondingTokens, n.unbondingShares);
    n.unbondingTokens = sub64(n.unbondingTokens, amount);
    n.unbondingShares = sub64(n.unbondingShares, ushares);
    d.unbondingShares = 0n;
    d.unbondingReadyAt = 0n;
    nodeInvariant(n);
    if (amount > 0n) transfer(s, n.vault, s.wallets[dest].tokens, amount);
    return amount;
  },

  claimRewards(s: State, di: number, signer: string, dest: number): bigint {
    const d = s.dels[di];
    const n = liveNode(s, d.node);
    liveDelegation(s, di);
    const owner = s.wallets[d.delegator].key;
    req(signer === owner || s.wallets[dest].key === owner, S_("DestinationNotOwned"));
    req(!s.scfg.paused, S_("Paused"));
    req(d.incarnation === n.incarnation, S_("NothingToClaim"));
    settle(d, n);
    req(d.pending > 0n, S_("NothingToClaim"));
    const amount = d.pending;
    d.pending = 0n;
    n.delegatorPending = sub64(n.delegatorPending, amount);
    if (n.owed < amount * SCALE) throw new Finding("claim: owed below the amount paid");
    n.owed -= amount * SCALE;
    n.reserve = sub64(n.reserve, amount);
    nodeInvariant(n);
    transfer(s, n.vault, s.wallets[dest].tokens, amount);
    return amount;
  },

  closeDelegation(s: State, di: number): void {
    const d = liveDelegation(s, di);
    const n = s.nodes[d.node];
    if (n.exists && d.incarnation === n.incarnation) {
      settle(d, n);
      req(
        d.shares === 0n && d.unbondingShares === 0n && d.pending === 0n,
        S_("DelegationNotEmpty"),
      );
      if (n.owed < d.carry) throw new Finding("close_delegation: owed below the carry");
      n.owed -= d.carry;
      d.carry = 0n;
      nodeInvariant(n);
    }
    d.exists = false;
  },

  settleDelegation(s: State, di: number): void {
    const d = s.dels[di];
    const n = liveNode(s, d.node);
    liveDelegation(s, di);
    req(d.incarnation === n.incarnation, S_("DelegationMismatch"));
    settle(d, n);
    nodeInvariant(n);
  },

  refreshNode(s: State, i: number): void {
    const n = liveNode(s, i);
    refreshStatus(n, requiredMinimum(s, n));
    nodeInvariant(n);
  },

  creditRewards(
    s: State,
    i: number,
    signer: string,
    epoch: bigint,
    uptimeBps: bigint,
    amount: bigint,
  ): void {
    const n = liveNode(s, i);
    req(signer === s.scfg.rewardAuthority, S_("Unauthorized"));
    req(!s.scfg.paused, S_("Paused"));
    req(uptimeBps <= BPS, S_("InvalidUptime"));
    req(epoch <= epochAt(s, s.now), S_("RewardEpochInFuture"));
    const start = epochStart(s, epoch);
    const end = start + s.scfg.epochSeconds;
    if (end > I64_MAX) fail(S_("MathOverflow"));
    req(start >= n.rewardedUntil, S_("RewardAlreadyCredited"));
    const required = requiredMinimum(s, n);
    const low = uptimeBps < s.scfg.minUptimeBps;
    refreshStatus(n, required);
    if (n.status === "jailed") fail(S_("NodeJailed"));
    if (n.status !== "active") fail(S_("NodeNotActive"));
    const adjacent = start === n.rewardedUntil;
    n.rewardedUntil = end;
    applyDueCommission(n, s.now);
    if (low) {
      n.consecutiveLowEpochs = adjacent ? min(n.consecutiveLowEpochs + 1n, 255n) : 1n;
      if (n.consecutiveLowEpochs >= s.scfg.maxLowEpochs) n.status = "jailed";
    } else {
      n.consecutiveLowEpochs = 0n;
      const stake = activeStake(n);
      if (stake === 0n) throw new Finding("an Active node with no stake");
      const gross = mulDivFloor(amount, n.poolTokens, stake);
      const commission = bpsOf(gross, n.commissionBps);
      const net = gross - commission;
      if (net > 0n) {
        if (n.poolShares === 0n) throw new Finding("rewards for an empty pool");
        const total = net * SCALE + n.remainder;
        const inc = total / n.poolShares;
        n.remainder = total % n.poolShares;
        if (n.acc + inc > U128) fail(S_("MathOverflow"));
        n.acc += inc;
        if (n.owed + inc * n.poolShares > U128) fail(S_("MathOverflow"));
        n.owed += inc * n.poolShares;
      }
      const operatorPart = amount - net;
      n.operatorRewards = add64(n.operatorRewards, operatorPart);
      n.reserve = add64(n.reserve, amount);
    }
    nodeInvariant(n);
    if (!low) transfer(s, s.source, n.vault, amount);
  },

  claimOperatorRewards(s: State, i: number, signer: string): bigint {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    req(!s.scfg.paused, S_("Paused"));
    const amount = n.operatorRewards;
    req(amount > 0n, S_("NothingToClaim"));
    n.operatorRewards = 0n;
    n.reserve = sub64(n.reserve, amount);
    nodeInvariant(n);
    transfer(s, n.vault, s.wallets[n.operator].tokens, amount);
    return amount;
  },

  /**
   * slash; `renter` is the wallet index of the renter token account or -1,
   * or -2 for the node's own vault passed as the renter account.
   */
  slash(
    s: State,
    i: number,
    a: {
      signer: string;
      recordIndex: number;
      reason: Reason;
      fractionBps: bigint;
      renterShareBps: bigint;
      renter: number;
      renterTokens?: string;
      viaRentalAuthority?: boolean;
    },
  ): { amount: bigint; toRenter: bigint } {
    const n = liveNode(s, i);
    const rec = s.records[a.recordIndex];
    req(a.renter !== -2, S_("DestinationIsVault"));
    const isAuthority =
      a.signer === s.scfg.slashAuthority ||
      (s.scfg.rentalAuthority !== DEFAULT_KEY && a.signer === s.scfg.rentalAuthority);
    req(isAuthority, S_("NotSlashAuthority"));
    req(a.fractionBps >= 1n && a.fractionBps <= BPS, S_("InvalidSlashFraction"));
    req(a.renterShareBps <= BPS, S_("InvalidBps"));
    const hasRenter = a.renter >= 0 || a.renterTokens !== undefined;
    if (a.renterShareBps > 0n) req(hasRenter, S_("RenterAccountRequired"));
    const required = requiredMinimum(s, n);
    const slashable = add64(
      add64(n.providerStake, n.providerUnbonding),
      add64(n.poolTokens, n.unbondingTokens),
    );
    const requested = bpsOf(slashable, a.fractionBps);
    const fromProvider = min(requested, n.providerStake);
    let rest = requested - fromProvider;
    const fromProviderUnbonding = min(rest, n.providerUnbonding);
    rest -= fromProviderUnbonding;
    const delegated = add64(n.poolTokens, n.unbondingTokens);
    let fromPool = 0n;
    let fromUnbonding = 0n;
    if (rest === 0n || delegated === 0n) {
      /* nothing */
    } else if (rest >= delegated) {
      fromPool = n.poolTokens;
      fromUnbonding = n.unbondingTokens;
    } else {
      fromPool = mulDivFloor(rest, n.poolTokens, delegated);
      fromUnbonding = mulDivFloor(rest, n.unbondingTokens, delegated);
    }
    n.providerStake -= fromProvider;
    n.providerUnbonding -= fromProviderUnbonding;
    n.poolTokens -= fromPool;
    n.unbondingTokens -= fromUnbonding;
    // wipe_collapsed_pools
    if (n.poolShares > 0n && n.poolTokens * MAX_SHARES_PER_TOKEN < n.poolShares) {
      if (n.poolGeneration < MAX_POOL_WIPES) {
        fromPool += n.poolTokens;
        n.wipedAcc[n.poolGeneration] = n.acc;
        n.staleShares = add64(n.staleShares, n.poolShares);
        n.poolTokens = 0n;
        n.poolShares = 0n;
        n.poolGeneration += 1;
      } else if (n.poolTokens > 0n) {
        fromPool += n.poolTokens;
        n.poolTokens = 0n;
      }
    }
    if (n.unbondingShares > 0n && n.unbondingTokens * MAX_SHARES_PER_TOKEN < n.unbondingShares) {
      fromUnbonding += n.unbondingTokens;
      n.unbondingTokens = 0n;
      n.unbondingShares = 0n;
      n.unbondingGeneration += 1;
    }
    const amount = add64(
      add64(fromProvider, fromProviderUnbonding),
      add64(fromPool, fromUnbonding),
    );
    const c = s.scfg;
    const epoch = epochAt(s, s.now);
    if (c.slashEpoch !== epoch) {
      c.slashEpoch = epoch;
      c.slashedInEpoch = 0n;
    }
    const total = add64(c.slashedInEpoch, amount);
    req(total <= c.maxSlashPerEpoch, S_("SlashLimitExceeded"));
    // The handler creates the record after its checks.
    req(!rec.exists, ALREADY_IN_USE);
    c.slashedInEpoch = total;
    const toRenter = hasRenter ? bpsOf(amount, a.renterShareBps) : 0n;
    n.totalSlashed = add64(n.totalSlashed, amount);
    refreshStatus(n, required);
    if (a.reason === "dataLeak") n.status = "jailed";
    nodeInvariant(n);
    Object.assign(rec, {
      exists: true,
      node: i,
      reason: a.reason,
      fractionBps: a.fractionBps,
      amount,
      toRenter,
      authority: a.signer,
      payer: s.payer,
      slashedAt: s.now,
    });
    const renterAcc = a.renterTokens ?? (a.renter >= 0 ? s.wallets[a.renter].tokens : undefined);
    if (renterAcc !== undefined && toRenter > 0n) transfer(s, n.vault, renterAcc, toRenter);
    if (amount - toRenter > 0n) transfer(s, n.vault, s.scfg.treasury, amount - toRenter);
    s.toStakingTreasury.slashes += amount - toRenter;
    return { amount, toRenter };
  },

  unjail(s: State, i: number, signer: string): void {
    const n = liveNode(s, i);
    req(signer === s.scfg.admin, S_("Unauthorized"));
    req(n.status === "jailed", S_("NodeNotJailed"));
    n.consecutiveLowEpochs = 0n;
    n.status = "pending";
    refreshStatus(n, requiredMinimum(s, n));
    nodeInvariant(n);
  },

  /** lock_node / unlock_node called directly by `signer` (only the escrow PDA may). */
  directLock(s: State, i: number, signer: string): void {
    liveNode(s, i);
    req(signer === s.scfg.rentalAuthority, S_("NotRentalAuthority"));
    throw new Error("model: direct lock by the rental authority is not generated");
  },

  closeNode(s: State, i: number, signer: string): bigint {
    const n = liveNode(s, i);
    req(signer === s.wallets[n.operator].key, S_("NotNodeOperator"));
    req(n.status !== "jailed", S_("NodeJailed"));
    req(
      n.providerStake === 0n &&
        n.providerUnbonding === 0n &&
        n.poolTokens === 0n &&
        n.unbondingTokens === 0n &&
        n.operatorRewards === 0n &&
        n.poolShares === 0n &&
        n.staleShares === 0n &&
        n.unbondingShares === 0n &&
        n.delegatorPending === 0n &&
        n.activeRentals === 0n,
      S_("NodeNotEmpty"),
    );
    const swept = s.bal[n.vault];
    transfer(s, n.vault, s.scfg.treasury, swept);
    s.toStakingTreasury.swept += swept;
    delete s.bal[n.vault];
    n.exists = false;
    return swept;
  },

  closeSlashRecord(s: State, ri: number): void {
    const r = s.records[ri];
    req(r.exists, S_("AccountNotInitialized"));
    req(s.now >= r.slashedAt + SLASH_RECORD_RETENTION, S_("SlashRecordRetained"));
    r.exists = false;
  },
};

function tierInvariant(maxStake: bigint, minStake: bigint, bps: bigint, configMin: bigint): void {
  req(maxStake > 0n && maxStake <= U64 / MAX_SHARES_PER_TOKEN, S_("InvalidTierCap"));
  req(maxStake >= max(minStake, configMin), S_("TierCapBelowMinimum"));
  req(bps <= BPS, S_("InvalidBps"));
}

export const DEFAULT_KEY = "11111111111111111111111111111111";

export function freshNodeFields(): Partial<NodeM> {
  return {
    status: "pending",
    evalMin: 0n,
    commissionEffectiveAt: 0n,
    activeRentals: 0n,
    consecutiveLowEpochs: 0n,
    providerStake: 0n,
    providerUnbonding: 0n,
    providerUnbondingReadyAt: 0n,
    poolTokens: 0n,
    poolShares: 0n,
    poolGeneration: 0,
    unbondingTokens: 0n,
    unbondingShares: 0n,
    unbondingGeneration: 0,
    acc: 0n,
    wipedAcc: [0n, 0n, 0n, 0n],
    staleShares: 0n,
    remainder: 0n,
    owed: 0n,
    delegatorPending: 0n,
    reserve: 0n,
    operatorRewards: 0n,
    totalSlashed: 0n,
    delegationsOpened: 0n,
    maxPoolShares: 0n,
    donated: 0n,
  };
}

function resetDelegation(d: DelegationM, n: NodeM): void {
  Object.assign(d, {
    nodeKey: n.addr,
    incarnation: n.incarnation,
    shares: 0n,
    poolGeneration: n.poolGeneration,
    ckpt: n.acc,
    carry: 0n,
    pending: 0n,
    unbondingShares: 0n,
    unbondingGeneration: n.unbondingGeneration,
    unbondingReadyAt: 0n,
  });
}

// ---- rental_escrow ----------------------------------------------------------

/** pricing.rs: tokens for `cost` micro-USD at the conservative price, rounded up. */
export function tokensForUsdCeil(
  cost: bigint,
  p: { price: bigint; conf: bigint; expo: number },
  decimals: number,
): bigint {
  if (decimals > 12) fail(E_("MathOverflow"));
  if (p.expo < -18 || p.expo > 6) fail(E_("UnsupportedExponent"));
  const conservative = p.price - p.conf;
  if (conservative <= 0n) fail(E_("NonPositivePrice"));
  const e = decimals - p.expo - 6;
  const scale = 10n ** BigInt(Math.abs(e));
  let num: bigint;
  let den: bigint;
  if (e >= 0) {
    num = cost * scale;
    den = conservative;
    if (num > U128) fail(E_("MathOverflow"));
  } else {
    num = cost;
    den = conservative * scale;
    if (den > U128) fail(E_("MathOverflow"));
  }
  const tokens = ceilDiv(num, den);
  if (tokens > U64) fail(E_("MathOverflow"));
  return tokens;
}

export const costMicroUsd = (seconds: bigint, rate: bigint): bigint =>
  ceilDiv(seconds * rate, 3600n);

/** price.rs `load_price` for the pinned legacy account. */
export function loadPrice(s: State, notOlderThan?: bigint): PriceM {
  const p = s.price;
  const c = s.ecfg;
  req(p.trading, E_("PriceNotTrading"));
  req(p.price > 0n, E_("NonPositivePrice"));
  req(p.expo >= -18 && p.expo <= 6, E_("UnsupportedExponent"));
  req(p.publishTime + c.maxPriceAgeSeconds >= s.now, E_("StalePrice"));
  req(p.publishTime <= s.now + MAX_FUTURE_SECONDS, E_("FuturePrice"));
  req(p.conf * BPS <= c.maxConfidenceBps * p.price, E_("PriceConfidenceTooWide"));
  req(p.publishSlot <= s.slot, E_("FuturePrice"));
  req(s.slot - p.publishSlot <= c.maxPriceAgeSlots, E_("StalePrice"));
  req(p.ema > 0n, E_("NonPositivePrice"));
  const diff = p.price > p.ema ? p.price - p.ema : p.ema - p.price;
  req(diff * BPS <= c.maxEmaDivergenceBps * p.ema, E_("EmaDivergence"));
  if (notOlderThan !== undefined) req(p.publishTime >= notOlderThan, E_("PriceOlderThanLastUsed"));
  return p;
}

function rentalRate(n: NodeM, ids: number[]): bigint {
  req(ids.length <= 4, E_("UnknownQosAddon"));
  let rate = n.price;
  for (let i = 0; i < ids.length; i++) {
    req(!ids.slice(0, i).includes(ids[i]), E_("DuplicateQosAddon"));
    const a = n.addons.find((x) => x.id !== 0 && x.id === ids[i]);
    if (!a) fail(E_("UnknownQosAddon"));
    rate = add64(rate, a!.price, "escrow");
  }
  return rate;
}

function renterFee(tokens: bigint, feeBps: bigint): bigint {
  return ceilDiv(tokens * feeBps, BPS);
}

function splitFee(amount: bigint, feeBps: bigint): { payout: bigint; fee: bigint } {
  const payout = (amount * (BPS - feeBps)) / BPS;
  return { payout, fee: amount - payout };
}

/** The staking side of lock_node (CPI from the escrow). */
function lockNode(s: State, n: NodeM): void {
  req(!s.scfg.paused, S_("Paused"));
  refreshStatus(n, requiredMinimum(s, n));
  if (n.status === "jailed") fail(S_("NodeJailed"));
  if (n.status !== "active") fail(S_("NodeNotActive"));
  n.activeRentals += 1n;
  nodeInvariant(n);
}
function unlockNode(s: State, n: NodeM): void {
  req(n.activeRentals > 0n, S_("NoActiveRentals"));
  n.activeRentals -= 1n;
  nodeInvariant(n);
}

function liveRental(s: State, ri: number): RentalM {
  const r = s.rentals[ri];
  req(r.exists, E_("AccountNotInitialized"));
  return r;
}

/** Rental::invariant: a violation is a finding. */
export function rentalInvariant(r: RentalM): void {
  const m = r.m;
  const bad = (why: string) => {
    throw new Finding(`Rental::invariant would fail (${why}) on rental ${r.addr}`);
  };
  if (m.held() < 0n) bad("held < 0");
  const n = m.periods.length;
  if (n < 1 || n > MAX_RENTAL_PERIODS) bad("period count");
  let start = m.startTs;
  let tokens = 0n;
  let fees = 0n;
  for (const p of m.periods) {
    if (p.endTs <= start) bad("period order");
    tokens += p.tokens;
    fees += p.fee;
    start = p.endTs;
  }
  const atEnd = m.accrualAt(m.endTs);
  if (tokens !== m.deposited || fees !== m.renterFees) bad("totals");
  if (m.startTs > m.endTs || m.endTs > m.periods[n - 1].endTs) bad("end");
  if (m.claimed + m.refunded > m.deposited) bad("claimed + refunded > deposited");
  if (m.feesCollected + m.feesRefunded > m.renterFees) bad("fees");
  if (m.claimed > atEnd.tokens || m.feesCollected > atEnd.fees) bad("provider side above accrual");
  if (m.feesHeld > m.claimed) bad("fees held above claimed");
}

/** Rental::settle_final (mirrors the program, RentalModel.settleFinal does the money). */
function settleFinal(r: RentalM, settleAt: bigint, refundBps: bigint) {
  const m = r.m;
  const at = min(max(settleAt, m.startTs), m.endTs);
  const acc = m.accrualAt(at);
  if (acc.tokens < m.claimed)
    throw new Finding("settle_final: claimed above accrual (RentalInvariantViolated)");
  if (acc.fees < m.feesCollected) throw new Finding("settle_final: fees collected above accrual");
  const refund = min((acc.tokens * refundBps) / BPS, acc.tokens - m.claimed);
  const providerTotal = acc.tokens - refund;
  if (m.deposited < providerTotal + m.refunded) throw new Finding("settle_final: tokens back < 0");
  if (m.renterFees < acc.fees + m.feesRefunded) throw new Finding("settle_final: fees back < 0");
  return m.settleFinal(settleAt, refundBps);
}

export const Escrow = {
  updateConfig(
    s: State,
    signer: string,
    a: Partial<
      Pick<
        EscrowConfigM,
        | "maxPriceAgeSeconds"
        | "maxPriceAgeSlots"
        | "maxConfidenceBps"
        | "maxEmaDivergenceBps"
        | "reservationFeeBps"
        | "claimHoldbackBps"
        | "disputeWindowSeconds"
        | "disputeTimeoutSeconds"
        | "minRentalSeconds"
        | "maxTotalRentalSeconds"
      >
    > & { treasury?: string },
  ): void {
    const c = s.ecfg;
    req(signer === c.admin, E_("Unauthorized"));
    if (a.maxPriceAgeSeconds !== undefined)
      req(a.maxPriceAgeSeconds > 0n && a.maxPriceAgeSeconds <= 3600n, E_("InvalidMaxPriceAge"));
    if (a.maxPriceAgeSlots !== undefined) req(a.maxPriceAgeSlots > 0n, E_("InvalidMaxPriceAge"));
    if (a.maxConfidenceBps !== undefined)
      req(a.maxConfidenceBps > 0n && a.maxConfidenceBps <= BPS, E_("InvalidMaxConfidence"));
    if (a.maxEmaDivergenceBps !== undefined)
      req(a.maxEmaDivergenceBps > 0n && a.maxEmaDivergenceBps <= BPS, E_("InvalidEmaDivergence"));
    if (a.reservationFeeBps !== undefined) req(a.reservationFeeBps <= 1000n, E_("InvalidFee"));
    if (a.claimHoldbackBps !== undefined) req(a.claimHoldbackBps <= 5000n, E_("InvalidHoldback"));
    if (a.disputeWindowSeconds !== undefined)
      req(
        a.disputeWindowSeconds > 0n && a.disputeWindowSeconds <= 30n * 86_400n,
        E_("InvalidDisputeWindow"),
      );
    if (a.disputeTimeoutSeconds !== undefined)
      req(
        a.disputeTimeoutSeconds > 0n && a.disputeTimeoutSeconds <= 90n * 86_400n,
        E_("InvalidDisputeTimeout"),
      );
    const mn = a.minRentalSeconds ?? c.minRentalSeconds;
    const mx = a.maxTotalRentalSeconds ?? c.maxTotalRentalSeconds;
    req(
      mn > 0n && mn <= MAX_RENTAL_SECONDS && mx >= mn && mx <= 365n * 86_400n,
      E_("InvalidRentalLimits"),
    );
    for (const k of Object.keys(a) as (keyof typeof a)[]) {
      if (a[k] !== undefined) (c as unknown as Record<string, unknown>)[k] = a[k];
    }
  },

  setPaused(s: State, signer: string, paused: boolean): void {
    req(signer === s.ecfg.admin, E_("Unauthorized"));
    s.ecfg.paused = paused;
  },

  proposeAdmin(s: State, signer: string, proposed: string): void {
    req(signer === s.ecfg.admin, E_("Unauthorized"));
    s.ecfg.pendingAdmin = proposed;
  },

  acceptAdmin(s: State, signer: string): void {
    req(s.ecfg.pendingAdmin !== DEFAULT_KEY, E_("NoPendingAdmin"));
    req(s.ecfg.pendingAdmin === signer, E_("NotPendingAdmin"));
    s.ecfg.admin = signer;
    s.ecfg.pendingAdmin = DEFAULT_KEY;
  },

  createRental(
    s: State,
    ri: number,
    a: {
      duration: bigint;
      addonIds: number[];
      maxTokens: bigint;
      clusterId?: bigint;
      hasInstructions?: boolean;
    },
  ): { tokens: bigint; fee: bigint } {
    const r = s.rentals[ri];
    const n = s.nodes[r.node];
    req(n.exists, E_("AccountNotInitialized"));
    req(!r.exists, ALREADY_IN_USE);
    const c = s.ecfg;
    req(!c.paused, E_("Paused"));
    req(
      a.duration >= c.minRentalSeconds && a.duration <= MAX_RENTAL_SECONDS,
      E_("InvalidDuration"),
    );
    req(a.duration <= c.maxTotalRentalSeconds, E_("RentalTooLong"));
    // a cluster leg needs the instructions sysvar; this fuzzer sends at most 3 legs (limit 8)
    if (a.clusterId) req(!!a.hasInstructions, E_("ClusterNeedsInstructions"));
    const price = loadPrice(s);
    const rate = rentalRate(n, a.addonIds);
    const cost = costMicroUsd(a.duration, rate);
    const tokens = tokensForUsdCeil(cost, price, DECIMALS);
    const fee = renterFee(tokens, c.reservationFeeBps);
    const total = add64(tokens, fee, "escrow");
    req(total <= a.maxTokens, E_("SlippageExceeded"));
    const endTs = s.now + a.duration;
    const m = new RentalModel(s.now, {
      feeBps: c.reservationFeeBps,
      holdbackBps: c.claimHoldbackBps,
    });
    m.periods.push({ endTs, tokens, fee });
    m.endTs = endTs;
    m.deposited = tokens;
    m.renterFees = fee;
    Object.assign(r, {
      exists: true,
      clusterId: a.clusterId ?? 0n,
      nodeKey: n.addr,
      provider: s.wallets[n.operator].key,
      addonIds: [...a.addonIds, 0, 0, 0, 0].slice(0, 4),
      rate,
      price: price.price,
      conf: price.conf,
      expo: price.expo,
      publishTime: price.publishTime,
      windowSeconds: c.disputeWindowSeconds,
      timeoutSeconds: c.disputeTimeoutSeconds,
      nodeLocked: true,
      m,
    });
    rentalInvariant(r);
    s.bal[r.vault] = 0n;
    transfer(s, s.wallets[r.renter].tokens, r.vault, total);
    lockNode(s, n);
    // a cross-check of the conversion against the helpers' independent model
    if (quoteTokens(a.duration, rate, price.price, price.conf, price.expo, DECIMALS) !== tokens)
      throw new Error("model: tokensForUsdCeil disagrees with helpers/escrow.ts quoteTokens");
    return { tokens, fee };
  },

  extendRental(
    s: State,
    ri: number,
    signer: string,
    a: { extra: bigint; maxTokens: bigint },
  ): { tokens: bigint; fee: bigint } {
    const r = liveRental(s, ri);
    const n = s.nodes[r.node];
    req(n.exists, E_("AccountNotInitialized"));
    req(signer === s.wallets[r.renter].key, E_("NotRenter"));
    const c = s.ecfg;
    const m = r.m;
    req(!c.paused, E_("Paused"));
    req(a.extra >= c.minRentalSeconds && a.extra <= MAX_RENTAL_SECONDS, E_("InvalidDuration"));
    req(m.status === "active", E_("RentalNotActive"));
    req(s.now < m.endTs, E_("RentalEnded"));
    req(m.periods.length < MAX_RENTAL_PERIODS, E_("TooManyExtensions"));
    req(m.endTs - m.startTs + a.extra <= c.maxTotalRentalSeconds, E_("RentalTooLong"));
    const required = requiredMinimum(s, n);
    // The status lock_node would store (the stored one may be stale after a
    // minimum changed), as create_rental's lock judges it (finding F-1, fixed).
    const rentable =
      n.status !== "jailed" && statusRule(n, required) === "active" && !s.scfg.paused;
    req(rentable, E_("NodeNotRentable"));
    const price = loadPrice(s, r.publishTime);
    const rate = rentalRate(
      n,
      r.addonIds.filter((id) => id !== 0),
    );
    const cost = costMicroUsd(a.extra, rate);
    const tokens = tokensForUsdCeil(cost, price, DECIMALS);
    const fee = renterFee(tokens, m.rules.feeBps);
    const total = add64(tokens, fee, "escrow");
    req(total <= a.maxTokens, E_("SlippageExceeded"));
    const endTs = m.endTs + a.extra;
    m.periods.push({ endTs, tokens, fee });
    m.endTs = endTs;
    m.deposited = add64(m.deposited, tokens, "escrow");
    m.renterFees = add64(m.renterFees, fee, "escrow");
    r.rate = rate;
    r.price = price.price;
    r.conf = price.conf;
    r.expo = price.expo;
    r.publishTime = price.publishTime;
    rentalInvariant(r);
    transfer(s, s.wallets[r.renter].tokens, r.vault, total);
    return { tokens, fee };
  },

  claim(s: State, ri: number, signer: string): { payout: bigint; fee: bigint } {
    const r = liveRental(s, ri);
    req(signer === r.provider, E_("NotProvider"));
    const m = r.m;
    req(m.status !== "disputed", E_("RentalDisputed"));
    req(m.status !== "resolved", E_("NothingToClaim"));
    const claimable = m.claimableTotal(s.now);
    const amount = claimable > m.claimed ? claimable - m.claimed : 0n;
    req(amount > 0n, E_("NothingToClaim"));
    const { payout, fee } = splitFee(amount, m.rules.feeBps);
    m.claimed = claimable;
    // The provider fee stays in the vault (fees_held), with the renter fees
    // earned so far: the final settlement (close or resolve) pays the
    // treasury both, so only the payout moves here.
    m.feesHeld += fee;
    rentalInvariant(r);
    const provider = s.wallets.find((w) => w.key === r.provider)!;
    if (payout > 0n) transfer(s, r.vault, provider.tokens, payout);
    return { payout, fee };
  },

  cancel(s: State, ri: number, signer: string): bigint {
    const r = liveRental(s, ri);
    req(signer === s.wallets[r.renter].key, E_("NotRenter"));
    const m = r.m;
    req(m.status === "active", E_("RentalNotActive"));
    req(s.now < m.endTs, E_("RentalEnded"));
    const acc = m.accrued(s.now);
    const tokensBack = m.deposited - acc.tokens;
    const feesBack = m.renterFees - acc.fees;
    m.refunded = tokensBack;
    m.feesRefunded = feesBack;
    m.endTs = max(s.now, m.startTs);
    m.status = "cancelled";
    const wasLocked = r.nodeLocked;
    r.nodeLocked = false;
    rentalInvariant(r);
    const refund = tokensBack + feesBack;
    if (refund > 0n) transfer(s, r.vault, s.wallets[r.renter].tokens, refund);
    if (wasLocked) unlockNode(s, s.nodes[r.node]);
    return refund;
  },

  openDispute(s: State, ri: number, signer: string): void {
    const r = liveRental(s, ri);
    req(signer === s.wallets[r.renter].key, E_("NotRenter"));
    const m = r.m;
    req(m.status === "active" || m.status === "cancelled", E_("RentalNotActive"));
    req(s.now <= m.endTs + r.windowSeconds, E_("DisputeWindowClosed"));
    m.status = "disputed";
    m.disputedAt = s.now;
    rentalInvariant(r);
  },

  /** close_rental by `closer` (a wallet key). */
  close(
    s: State,
    ri: number,
    closer: string,
  ): { payout: bigint; toTreasury: bigint; toRenter: bigint; surplus: bigint } {
    const r = liveRental(s, ri);
    const m = r.m;
    let expired = false;
    if (m.status === "disputed") {
      req(s.now >= m.disputedAt + r.timeoutSeconds, E_("RentalDisputed"));
      expired = true;
    } else {
      req(s.now >= m.endTs, E_("RentalNotFinished"));
    }
    if (closer !== s.wallets[r.renter].key) {
      const windowEnd = m.endTs + r.windowSeconds;
      req(expired || m.status === "resolved" || s.now > windowEnd, E_("RentalNotFinished"));
    }
    const vaultAmount = s.bal[r.vault];
    let st = { payout: 0n, toTreasury: 0n, toRenter: 0n };
    if (m.status !== "resolved") st = settleFinal(r, expired ? m.disputedAt : m.endTs, 0n);
    if (expired) m.status = "resolved";
    rentalInvariant(r);
    const owed = st.payout + st.toTreasury + st.toRenter;
    if (vaultAmount < owed)
      throw new Finding("close_rental: the accounting promises more than the vault holds");
    const surplus = vaultAmount - owed;
    const wasLocked = r.nodeLocked;
    r.nodeLocked = false;
    const provider = s.wallets.find((w) => w.key === r.provider)!;
    transfer(s, r.vault, provider.tokens, st.payout);
    transfer(s, r.vault, s.ecfg.treasury, st.toTreasury);
    transfer(s, r.vault, s.wallets[r.renter].tokens, st.toRenter + surplus);
    s.toEscrowTreasury.fees += st.toTreasury;
    if (s.bal[r.vault] !== 0n) throw new Finding("close_rental leaves tokens in the vault");
    delete s.bal[r.vault];
    if (wasLocked) unlockNode(s, s.nodes[r.node]);
    r.exists = false;
    return { ...st, surplus };
  },

  resolve(
    s: State,
    ri: number,
    a: {
      signer: string;
      refundBps: bigint;
      payAfterDispute: boolean;
      slash?: {
        recordIndex: number;
        reason: Reason;
        fractionBps: bigint;
        renterShareBps: bigint;
        omitAccounts: boolean;
      };
    },
  ): void {
    const r = liveRental(s, ri);
    req(a.signer === s.ecfg.disputeAuthority, E_("NotDisputeAuthority"));
    const m = r.m;
    req(a.refundBps <= BPS, E_("InvalidRefund"));
    req(m.status === "disputed", E_("NotDisputed"));
    if (a.slash) req(!a.slash.omitAccounts, E_("SlashAccountsMissing"));
    const settleAt = a.payAfterDispute ? s.now : m.disputedAt;
    const st = settleFinal(r, settleAt, a.refundBps);
    m.status = "resolved";
    const wasLocked = r.nodeLocked;
    r.nodeLocked = false;
    rentalInvariant(r);
    const provider = s.wallets.find((w) => w.key === r.provider)!;
    transfer(s, r.vault, provider.tokens, st.payout);
    transfer(s, r.vault, s.ecfg.treasury, st.toTreasury);
    transfer(s, r.vault, s.wallets[r.renter].tokens, st.toRenter);
    s.toEscrowTreasury.fees += st.toTreasury;
    const n = s.nodes[r.node];
    if (wasLocked) unlockNode(s, n);
    if (a.slash) {
      // node_staking's slash by CPI: the node must still be a live Node.
      req(n.exists, S_("AccountNotInitialized"));
      Staking.slash(s, r.node, {
        signer: s.scfg.rentalAuthority,
        recordIndex: a.slash.recordIndex,
        reason: a.slash.reason,
        fractionBps: a.slash.fractionBps,
        renterShareBps: a.slash.renterShareBps,
        renter: r.renter,
      });
    }
  },
};

/** The escrow's quote view: (cost, tokens). */
export function quote(a: {
  duration: bigint;
  rate: bigint;
  price: bigint;
  conf: bigint;
  expo: number;
  decimals: number;
}) {
  const cost = costMicroUsd(a.duration, a.rate);
  const tokens = tokensForUsdCeil(cost, a, a.decimals);
  return { cost, tokens };
}
