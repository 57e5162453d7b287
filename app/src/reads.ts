// Reads: account fetchers (getProgramAccounts with memcmp filters on the RPC
// side), pool and delegation views, and quotes at the escrow's oracle price.
import { getAssociatedTokenAddressSync, getMint } from "@solana/spl-token";
import { Connection, GetProgramAccountsFilter, PublicKey } from "@solana/web3.js";

import {
  big,
  bs58,
  Delegation,
  enumName,
  EscrowConfig,
  Node,
  NodeFilter,
  NodeStatus,
  REGIONS,
  Rental,
  SpecTier,
  StakingConfig,
  STATUSES,
} from "./common";
import { priceAccountFor } from "./oracle";
import { Pdas } from "./pdas";
import { Programs } from "./programs";
import { OraclePrice, quoteRental, readOraclePrice, RentalQuote } from "./quote";

/**
 * Where a quote takes its price: a price account (a posted pull update) or a
 * price in hand (OraclePrice, with its feedId when it has one, which must be
 * the escrow's).
 */
export type PriceSource = PublicKey | (OraclePrice & { feedId?: Buffer });

/** Byte offsets of account fields used in getProgramAccounts memcmp filters (8-byte discriminator first). */
export const OFFSETS = {
  node: { operator: 8, specTier: 80, region: 84, status: 85, price: 86 },
  delegation: { node: 8, delegator: 40 },
  rental: { renter: 8, node: 48, provider: 80, clusterId: 112 },
} as const;

export interface Pool {
  providerStake: bigint;
  poolTokens: bigint;
  poolShares: bigint;
  /** Tokens per share (1 for a fresh pool). */
  sharePrice: number;
  unbondingTokens: bigint;
  commissionBps: number;
  /** The commission a pending change sets, while one is pending. */
  pendingCommissionBps: number | undefined;
  status: NodeStatus;
}

export interface DelegationPosition {
  address: PublicKey;
  node: PublicKey;
  shares: bigint;
  /** Tokens the shares are worth now. */
  value: bigint;
  /** Rewards claimable now (settled and accrued). */
  pendingRewards: bigint;
  unbonding: bigint;
  unbondingReadyAt: number;
}

export class MarketReads {
  constructor(
    readonly connection: Connection,
    readonly programs: Programs,
    readonly pdas: Pdas,
  ) {}

  // ------------------------------------------------------------- accounts

  stakingConfig(): Promise<StakingConfig> {
    return this.programs.nodeStaking.account.config.fetch(this.pdas.stakingConfig());
  }
  escrowConfig(): Promise<EscrowConfig> {
    return this.programs.rentalEscrow.account.escrowConfig.fetch(this.pdas.escrowConfig());
  }
  node(address: PublicKey): Promise<Node> {
    return this.programs.nodeStaking.account.node.fetch(address);
  }
  rental(address: PublicKey): Promise<Rental> {
    return this.programs.rentalEscrow.account.rental.fetch(address);
  }
  tier(tierId: number): Promise<SpecTier> {
    return this.programs.nodeStaking.account.specTier.fetch(this.pdas.specTier(tierId));
  }
  async tiers(): Promise<{ publicKey: PublicKey; account: SpecTier }[]> {
    return this.programs.nodeStaking.account.specTier.all();
  }

  /** The owner's associated token account for the stake mint. */
  async tokenAccount(owner: PublicKey): Promise<PublicKey> {
    const cfg = await this.stakingConfig();
    return getAssociatedTokenAddressSync(cfg.stakeMint, owner, true, cfg.tokenProgram);
  }

  /** The node's QoS add-ons in use (id ≠ 0), price in micro-USD per hour. */
  async qosAddons(node: PublicKey): Promise<{ id: number; priceMicroUsdPerHour: bigint }[]> {
    const n = await this.node(node);
    return n.qosAddons
      .filter((a) => a.id !== 0)
      .map((a) => ({ id: a.id, priceMicroUsdPerHour: big(a.priceMicroUsdPerHour) }));
  }

  // ------------------------------------------------------------- lists (memcmp)

  /** Nodes matching the filter; tier, region, status and operator are memcmp filters on the RPC side. */
  async nodes(filter: NodeFilter = {}): Promise<{ publicKey: PublicKey; account: Node }[]> {
    const f: GetProgramAccountsFilter[] = [];
    const o = OFFSETS.node;
    if (filter.operator)
      f.push({ memcmp: { offset: o.operator, bytes: filter.operator.toBase58() } });
    if (filter.specTier !== undefined) {
      const b = Buffer.alloc(2);
      b.writeUInt16LE(filter.specTier);
      f.push({ memcmp: { offset: o.specTier, bytes: bs58(b) } });
    }
    if (filter.region)
      f.push({
        memcmp: { offset: o.region, bytes: bs58(Buffer.from([REGIONS.indexOf(filter.region)])) },
      });
    if (filter.status)
      f.push({
        memcmp: { offset: o.status, bytes: bs58(Buffer.from([STATUSES.indexOf(filter.status)])) },
      });
    const all = await this.programs.nodeStaking.account.node.all(f);
    return filter.maxPriceMicroUsd === undefined
      ? all
      : all.filter((n) => big(n.account.priceMicroUsdPerHour) <= filter.maxPriceMicroUsd!);
  }

  /** Rentals by renter, provider, node or cluster (memcmp on the RPC side). */
  async rentals(by: {
    renter?: PublicKey;
    provider?: PublicKey;
    node?: PublicKey;
    clusterId?: bigint;
  }): Promise<{ publicKey: PublicKey; account: Rental }[]> {
    const f: GetProgramAccountsFilter[] = [];
    const o = OFFSETS.rental;
    if (by.renter) f.push({ memcmp: { offset: o.renter, bytes: by.renter.toBase58() } });
    if (by.provider) f.push({ memcmp: { offset: o.provider, bytes: by.provider.toBase58() } });
    if (by.node) f.push({ memcmp: { offset: o.node, bytes: by.node.toBase58() } });
    if (by.clusterId !== undefined) {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(by.clusterId);
      f.push({ memcmp: { offset: o.clusterId, bytes: bs58(b) } });
    }
    return this.programs.rentalEscrow.account.rental.all(f);
  }

  // ------------------------------------------------------------- views

  /** A node's pool: stake, shares, share price and commission. */
  async pool(node: PublicKey): Promise<Pool> {
    const n = await this.node(node);
    const poolTokens = big(n.poolTokens);
    const poolShares = big(n.poolShares);
    return {
      providerStake: big(n.providerStake),
      poolTokens,
      poolShares,
      sharePrice: poolShares === 0n ? 1 : Number(poolTokens) / Number(poolShares),
      unbondingTokens: big(n.unbondingTokens),
      commissionBps: n.commissionBps,
      pendingCommissionBps: n.commissionEffectiveAt.toNumber() ? n.pendingCommissionBps : undefined,
      status: enumName(n.status) as NodeStatus,
    };
  }

  /** A wallet's delegations with current token value and pending rewards. */
  async delegations(delegator: PublicKey): Promise<DelegationPosition[]> {
    const list = await this.programs.nodeStaking.account.delegation.all([
      { memcmp: { offset: OFFSETS.delegation.delegator, bytes: delegator.toBase58() } },
    ]);
    const out: DelegationPosition[] = [];
    for (const d of list)
      out.push(delegationPosition(d.publicKey, d.account, await this.node(d.account.node)));
    return out;
  }

  // ------------------------------------------------------------- quotes

  /**
   * Quotes a rental of `node` with the chosen QoS add-ons at the escrow's
   * current oracle price. `price`: a posted pull update account to read
   * instead of the default (see oracle.ts), or a price in hand (e.g. the
   * `price` of a fresh update from fetchPriceUpdateData, before posting it).
   */
  async quote(
    node: PublicKey,
    durationSeconds: bigint,
    qosAddonIds: number[] = [],
    price?: PriceSource,
  ): Promise<RentalQuote> {
    const n = await this.node(node);
    let rate = big(n.priceMicroUsdPerHour);
    for (const id of qosAddonIds) {
      const addon = n.qosAddons.find((a) => a.id !== 0 && a.id === id);
      if (!addon) throw new Error(`node ${node.toBase58()} has no QoS add-on ${id}`);
      rate += big(addon.priceMicroUsdPerHour);
    }
    return this.quoteAtRate(rate, durationSeconds, undefined, price);
  }

  /**
   * Quotes `extend_rental`: a new period at the node's current USD rate with
   * the rental's add-ons, at today's oracle price, with the rental's own fee rate.
   */
  async quoteExtension(
    rental: PublicKey,
    extraSeconds: bigint,
    price?: PriceSource,
  ): Promise<RentalQuote> {
    const r = await this.rental(rental);
    const ids = Array.from(r.qosAddonIds).filter((id) => id !== 0);
    const n = await this.node(r.node);
    let rate = big(n.priceMicroUsdPerHour);
    for (const id of ids) {
      const addon = n.qosAddons.find((a) => a.id !== 0 && a.id === id);
      if (!addon) throw new Error(`node ${r.node.toBase58()} no longer offers QoS add-on ${id}`);
      rate += big(addon.priceMicroUsdPerHour);
    }
    return this.quoteAtRate(rate, extraSeconds, r.reservationFeeBps, price);
  }

  private async quoteAtRate(
    rateMicroUsdPerHour: bigint,
    durationSeconds: bigint,
    feeBps?: number,
    source?: PriceSource,
  ): Promise<RentalQuote> {
    const cfg = await this.escrowConfig();
    const kind = enumName(cfg.oracleKind) as "pythLegacy" | "pythPull";
    const mint = await getMint(this.connection, cfg.paymentMint, "confirmed", cfg.tokenProgram);
    const quoteAt = (price: OraclePrice) =>
      quoteRental({
        durationSeconds,
        rateMicroUsdPerHour,
        price,
        decimals: mint.decimals,
        reservationFeeBps: feeBps ?? cfg.reservationFeeBps,
      });
    if (source && !(source instanceof PublicKey)) {
      if (kind !== "pythPull")
        throw new Error("a price in hand needs an escrow in pull-oracle mode");
      if ("feedId" in source && !Buffer.from(cfg.feedId).equals(source.feedId as Buffer))
        throw new Error(
          `the price is for feed ${(source.feedId as Buffer).toString("hex")}, ` +
            `the escrow prices in feed ${Buffer.from(cfg.feedId).toString("hex")}`,
        );
      return quoteAt(source);
    }
    const address = priceAccountFor(cfg, source);
    const priceAccount = await this.connection.getAccountInfo(address);
    if (!priceAccount)
      throw new Error(
        `price account ${address.toBase58()} not found` +
          (kind === "pythPull"
            ? " (no sponsored feed for this feed id here: post an update and pass its account)"
            : ""),
      );
    if (!priceAccount.owner.equals(cfg.oracleProgram))
      throw new Error(
        `price account ${address.toBase58()} is owned by ${priceAccount.owner.toBase58()}, ` +
          `not the escrow's oracle program ${cfg.oracleProgram.toBase58()}`,
      );
    return quoteAt(readOraclePrice(kind, priceAccount, Buffer.from(cfg.feedId)));
  }
}

/** What a delegation is worth against its node's pool (settle() on-chain computes the same). */
export function delegationPosition(address: PublicKey, d: Delegation, n: Node): DelegationPosition {
  const shares = big(d.shares);
  const poolShares = big(n.poolShares);
  const value = poolShares === 0n ? 0n : (shares * big(n.poolTokens)) / poolShares;
  // Shares of the node's current pool generation earn from their checkpoint
  // (settle() on-chain adds the same, exactly, with the carry).
  const current = d.poolGeneration === n.poolGeneration;
  const accEnd = big(current ? n.accRewardPerShare : n.wipedAcc[d.poolGeneration]);
  const accrued =
    (shares * (accEnd - big(d.rewardCheckpoint)) + big(d.rewardCarry)) / 1_000_000_000_000n;
  const unbondingShares = big(d.unbondingShares);
  const ushares = big(n.unbondingShares);
  return {
    address,
    node: d.node,
    shares: current ? shares : 0n,
    value: current ? value : 0n,
    pendingRewards: big(d.pendingRewards) + accrued,
    unbonding: ushares === 0n ? 0n : (unbondingShares * big(n.unbondingTokens)) / ushares,
    unbondingReadyAt: d.unbondingReadyAt.toNumber(),
  };
}
