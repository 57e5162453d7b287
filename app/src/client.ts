// The SDK: instruction builders returning { instruction, accounts }, a sender
// with compute budgets and blockhash retries, fetchers with server-side
// filters, quotes and cluster building — all on the generated IDL types.
import { AnchorProvider, BN, IdlAccounts, IdlTypes, utils } from "@coral-xyz/anchor";
import { getAssociatedTokenAddressSync, getMint, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  ComputeBudgetProgram,
  Connection,
  GetProgramAccountsFilter,
  Keypair,
  PublicKey,
  Signer,
  SYSVAR_INSTRUCTIONS_PUBKEY,
  Transaction,
  TransactionExpiredBlockheightExceededError,
  TransactionInstruction,
} from "@solana/web3.js";

import { Pdas } from "./pdas";
import { NodeStaking, programs, Programs, RentalEscrow } from "./programs";
import { quoteRental, readOraclePrice, RentalQuote } from "./quote";

export type Node = IdlAccounts<NodeStaking>["node"];
export type Delegation = IdlAccounts<NodeStaking>["delegation"];
export type SpecTier = IdlAccounts<NodeStaking>["specTier"];
export type StakingConfig = IdlAccounts<NodeStaking>["config"];
export type EscrowConfig = IdlAccounts<RentalEscrow>["escrowConfig"];
export type Rental = IdlAccounts<RentalEscrow>["rental"];
export type Region = "americas" | "europe" | "asia" | "other";
export type NodeStatus = "pending" | "active" | "jailed" | "exiting";
export type QosAddon = IdlTypes<NodeStaking>["qosAddon"];

export const REGIONS: Region[] = ["americas", "europe", "asia", "other"];
export const STATUSES: NodeStatus[] = ["pending", "active", "jailed", "exiting"];

/** Byte offsets of account fields used in getProgramAccounts memcmp filters (8-byte discriminator first). */
export const OFFSETS = {
  node: { operator: 8, specTier: 80, region: 84, status: 85, price: 86 },
  delegation: { node: 8, delegator: 40 },
  rental: { renter: 8, node: 48, provider: 80, clusterId: 112 },
} as const;

/**
 * Compute units measured per instruction (scripts/bench.ts, LiteSVM and the
 * validator), with ~40 % headroom, so transactions request what they need.
 */
export const COMPUTE_UNITS: Record<string, number> = {
  registerNode: 60_000,
  stake: 45_000,
  requestUnstake: 25_000,
  withdrawUnstaked: 45_000,
  delegate: 60_000,
  undelegate: 30_000,
  withdrawUndelegated: 45_000,
  claimRewards: 45_000,
  claimOperatorRewards: 45_000,
  creditRewards: 50_000,
  slash: 80_000,
  createRental: 110_000,
  extendRental: 80_000,
  claim: 60_000,
  cancelRental: 50_000,
  closeRental: 90_000,
  openDispute: 20_000,
  resolveDispute: 160_000,
  closeDelegation: 15_000,
  closeNode: 40_000,
  createSpecTier: 30_000,
  updateConfig: 15_000,
  setPaused: 10_000,
  updatePricing: 20_000,
  default: 200_000,
};

/** The most create_rental legs one legacy transaction holds (1232 bytes). */
export const MAX_LEGACY_CLUSTER_LEGS = 4;

export interface Built {
  instruction: TransactionInstruction;
  accounts: Record<string, PublicKey>;
}

export const bn = (v: bigint | number): BN => new BN(v.toString());
const variant = (name: string) => ({ [name]: {} }) as never;
export const enumName = (v: object): string => Object.keys(v)[0];

export interface NodeFilter {
  specTier?: number;
  region?: Region;
  status?: NodeStatus;
  /** Micro-USD per hour; memcmp cannot compare, so this one is applied client-side. */
  maxPriceMicroUsd?: bigint;
  operator?: PublicKey;
}

/** A transaction that landed and failed; `logs` feed describeError. */
export class TransactionFailedError extends Error {
  constructor(
    readonly signature: string,
    readonly err: string,
    readonly logs: string[],
  ) {
    super(`transaction ${signature} failed: ${err}`);
    this.name = "TransactionFailedError";
  }
}

export class GpuMarketClient {
  readonly programs: Programs;
  readonly pdas: Pdas;

  constructor(readonly provider: AnchorProvider) {
    this.programs = programs(provider);
    this.pdas = new Pdas(this.programs);
  }

  get connection(): Connection {
    return this.provider.connection;
  }
  get wallet(): PublicKey {
    return this.provider.wallet.publicKey;
  }

  // ------------------------------------------------------------- sending

  /**
   * Sends instructions with a compute-unit limit sized from the measured
   * table, retrying with a fresh blockhash if the first one expires.
   */
  async send(
    ixs: (Built | TransactionInstruction)[],
    signers: Signer[] = [],
    unitsKey?: string,
  ): Promise<string> {
    const instructions = ixs.map((i) => ("instruction" in i ? i.instruction : i));
    const units = Math.min(
      1_400_000,
      (unitsKey ? (COMPUTE_UNITS[unitsKey] ?? COMPUTE_UNITS.default) : COMPUTE_UNITS.default) *
        Math.max(1, instructions.length),
    );
    for (let attempt = 0; ; attempt++) {
      const tx = new Transaction().add(
        ComputeBudgetProgram.setComputeUnitLimit({ units }),
        ...instructions,
      );
      try {
        return await this.sendOnce(tx, signers);
      } catch (e) {
        const expired =
          e instanceof TransactionExpiredBlockheightExceededError ||
          /block ?height exceeded|Blockhash not found/i.test(String(e));
        if (!expired || attempt >= 2) throw e;
      }
    }
  }

  /**
   * Sign, send with preflight, confirm. Our own rather than
   * AnchorProvider.sendAndConfirm: Anchor 0.32.1 rebuilds a failed
   * confirmation as `new SendTransactionError(message, logs)`, a signature
   * web3.js 1.98 no longer has, so the logs (and the error's name) are lost.
   */
  private async sendOnce(tx: Transaction, signers: Signer[]): Promise<string> {
    const { connection } = this;
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    tx.feePayer = this.wallet;
    tx.recentBlockhash = blockhash;
    if (signers.length) tx.partialSign(...signers);
    const signed = await this.provider.wallet.signTransaction(tx);
    const wire = signed.serialize({ requireAllSignatures: true, verifySignatures: false });
    if (wire.length > 1232) {
      throw new Error(
        `transaction too large: ${wire.length} bytes, a transaction holds at most 1232`,
      );
    }
    const signature = await connection.sendRawTransaction(wire, {
      preflightCommitment: "confirmed",
    });
    const status = await connection.confirmTransaction(
      { signature, blockhash, lastValidBlockHeight },
      "confirmed",
    );
    if (status.value.err) {
      const landed = await connection.getTransaction(signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      throw new TransactionFailedError(
        signature,
        JSON.stringify(status.value.err),
        landed?.meta?.logMessages ?? [],
      );
    }
    return signature;
  }

  // ------------------------------------------------------------- fetchers

  stakingConfig(): Promise<StakingConfig> {
    return this.programs.nodeStaking.account.config.fetch(this.pdas.stakingConfig());
  }
  escrowConfig(): Promise<EscrowConfig> {
    return this.programs.rentalEscrow.account.escrowConfig.fetch(this.pdas.escrowConfig());
  }
  node(address: PublicKey): Promise<Node> {
    return this.programs.nodeStaking.account.node.fetch(address);
  }
  tier(tierId: number): Promise<SpecTier> {
    return this.programs.nodeStaking.account.specTier.fetch(this.pdas.specTier(tierId));
  }
  async tiers(): Promise<{ publicKey: PublicKey; account: SpecTier }[]> {
    return this.programs.nodeStaking.account.specTier.all();
  }

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
      : all.filter(
          (n) => BigInt(n.account.priceMicroUsdPerHour.toString()) <= filter.maxPriceMicroUsd!,
        );
  }

  /** A node's pool: stake, shares, share price and commission. */
  async pool(node: PublicKey) {
    const n = await this.node(node);
    const poolTokens = BigInt(n.poolTokens.toString());
    const poolShares = BigInt(n.poolShares.toString());
    return {
      providerStake: BigInt(n.providerStake.toString()),
      poolTokens,
      poolShares,
      /** Tokens per share (1 for a fresh pool). */
      sharePrice: poolShares === 0n ? 1 : Number(poolTokens) / Number(poolShares),
      unbondingTokens: BigInt(n.unbondingTokens.toString()),
      commissionBps: n.commissionBps,
      pendingCommissionBps: n.commissionEffectiveAt.toNumber() ? n.pendingCommissionBps : undefined,
      status: enumName(n.status) as NodeStatus,
    };
  }

  /** A wallet's delegations with current token value and pending rewards. */
  async delegations(delegator: PublicKey) {
    const list = await this.programs.nodeStaking.account.delegation.all([
      { memcmp: { offset: OFFSETS.delegation.delegator, bytes: delegator.toBase58() } },
    ]);
    const out = [];
    for (const d of list) {
      const n = await this.node(d.account.node);
      const shares = BigInt(d.account.shares.toString());
      const poolShares = BigInt(n.poolShares.toString());
      const value =
        poolShares === 0n ? 0n : (shares * BigInt(n.poolTokens.toString())) / poolShares;
      // Shares of the node's current pool generation earn from their checkpoint
      // (settle() on-chain adds the same, exactly, with the carry).
      const current = d.account.poolGeneration === n.poolGeneration;
      const accEnd = BigInt(
        (current ? n.accRewardPerShare : n.wipedAcc[d.account.poolGeneration]).toString(),
      );
      const accrued =
        (shares * (accEnd - BigInt(d.account.rewardCheckpoint.toString())) +
          BigInt(d.account.rewardCarry.toString())) /
        1_000_000_000_000n;
      const unbondingShares = BigInt(d.account.unbondingShares.toString());
      const ushares = BigInt(n.unbondingShares.toString());
      out.push({
        address: d.publicKey,
        node: d.account.node,
        shares: current ? shares : 0n,
        value: current ? value : 0n,
        pendingRewards: BigInt(d.account.pendingRewards.toString()) + accrued,
        unbonding:
          ushares === 0n ? 0n : (unbondingShares * BigInt(n.unbondingTokens.toString())) / ushares,
        unbondingReadyAt: d.account.unbondingReadyAt.toNumber(),
      });
    }
    return out;
  }

  /** Rentals by renter, provider, node or cluster (memcmp on the RPC side). */
  async rentals(by: {
    renter?: PublicKey;
    provider?: PublicKey;
    node?: PublicKey;
    clusterId?: bigint;
  }) {
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

  // ------------------------------------------------------------- quotes

  /**
   * Quotes a rental of `node` with the chosen QoS add-ons at the escrow's
   * current oracle price.
   */
  async quote(
    node: PublicKey,
    durationSeconds: bigint,
    qosAddonIds: number[] = [],
  ): Promise<RentalQuote> {
    const n = await this.node(node);
    let rate = BigInt(n.priceMicroUsdPerHour.toString());
    for (const id of qosAddonIds) {
      const addon = n.qosAddons.find((a) => a.id !== 0 && a.id === id);
      if (!addon) throw new Error(`node ${node.toBase58()} has no QoS add-on ${id}`);
      rate += BigInt(addon.priceMicroUsdPerHour.toString());
    }
    return this.quoteAtRate(rate, durationSeconds);
  }

  /**
   * Quotes `extend_rental`: a new period at the node's current USD rate with
   * the rental's add-ons, at today's oracle price, with the rental's own fee rate.
   */
  async quoteExtension(rental: PublicKey, extraSeconds: bigint): Promise<RentalQuote> {
    const r = await this.programs.rentalEscrow.account.rental.fetch(rental);
    const ids = Array.from(r.qosAddonIds).filter((id) => id !== 0);
    const n = await this.node(r.node);
    let rate = BigInt(n.priceMicroUsdPerHour.toString());
    for (const id of ids) {
      const addon = n.qosAddons.find((a) => a.id !== 0 && a.id === id);
      if (!addon) throw new Error(`node ${r.node.toBase58()} no longer offers QoS add-on ${id}`);
      rate += BigInt(addon.priceMicroUsdPerHour.toString());
    }
    return this.quoteAtRate(rate, extraSeconds, r.reservationFeeBps);
  }

  private async quoteAtRate(
    rateMicroUsdPerHour: bigint,
    durationSeconds: bigint,
    feeBps?: number,
  ): Promise<RentalQuote> {
    const cfg = await this.escrowConfig();
    const kind = enumName(cfg.oracleKind) as "pythLegacy" | "pythPull";
    const priceAccount = await this.connection.getAccountInfo(cfg.oracleAccount);
    if (!priceAccount) throw new Error(`price account ${cfg.oracleAccount.toBase58()} not found`);
    const mint = await getMint(this.connection, cfg.paymentMint, "confirmed", cfg.tokenProgram);
    return quoteRental({
      durationSeconds,
      rateMicroUsdPerHour,
      price: readOraclePrice(kind, priceAccount),
      decimals: mint.decimals,
      reservationFeeBps: feeBps ?? cfg.reservationFeeBps,
    });
  }

  // ------------------------------------------------------------- builders (node_staking)

  async registerNode(args: {
    operator: PublicKey;
    nodeId: bigint;
    tierId: number;
    gpuCount: number;
    region: Region;
    priceMicroUsdPerHour: bigint;
    qosAddons?: { id: number; priceMicroUsdPerHour: bigint }[];
    commissionBps: number;
  }): Promise<Built> {
    const cfg = await this.stakingConfig();
    const node = this.pdas.node(args.operator, args.nodeId);
    const accounts = {
      operator: args.operator,
      specTier: this.pdas.specTier(args.tierId),
      node,
      vault: this.pdas.nodeVault(node),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.nodeStaking.methods
      .registerNode({
        nodeId: bn(args.nodeId),
        gpuCount: args.gpuCount,
        region: variant(args.region),
        priceMicroUsdPerHour: bn(args.priceMicroUsdPerHour),
        qosAddons: (args.qosAddons ?? []).map((a) => ({
          id: a.id,
          priceMicroUsdPerHour: bn(a.priceMicroUsdPerHour),
        })),
        commissionBps: args.commissionBps,
      })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Replaces the node's hourly price and its QoS add-ons (all of them). */
  async updatePricing(args: {
    operator: PublicKey;
    node: PublicKey;
    priceMicroUsdPerHour: bigint;
    qosAddons: { id: number; priceMicroUsdPerHour: bigint }[];
  }): Promise<Built> {
    const accounts = { operator: args.operator, node: args.node };
    const instruction = await this.programs.nodeStaking.methods
      .updatePricing({
        priceMicroUsdPerHour: bn(args.priceMicroUsdPerHour),
        qosAddons: args.qosAddons.map((a) => ({
          id: a.id,
          priceMicroUsdPerHour: bn(a.priceMicroUsdPerHour),
        })),
      })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** The node's QoS add-ons in use (id ≠ 0), price in micro-USD per hour. */
  async qosAddons(node: PublicKey): Promise<{ id: number; priceMicroUsdPerHour: bigint }[]> {
    const n = await this.node(node);
    return n.qosAddons
      .filter((a) => a.id !== 0)
      .map((a) => ({ id: a.id, priceMicroUsdPerHour: BigInt(a.priceMicroUsdPerHour.toString()) }));
  }

  private async stakeAccounts(operator: PublicKey, node: PublicKey) {
    const [cfg, n] = await Promise.all([this.stakingConfig(), this.node(node)]);
    return {
      cfg,
      n,
      accounts: {
        operator,
        node,
        vault: n.vault,
        stakeMint: cfg.stakeMint,
        tokenProgram: cfg.tokenProgram,
      },
    };
  }

  /** The owner's associated token account for the stake mint. */
  async tokenAccount(owner: PublicKey): Promise<PublicKey> {
    const cfg = await this.stakingConfig();
    return getAssociatedTokenAddressSync(cfg.stakeMint, owner, true, cfg.tokenProgram);
  }

  async stake(operator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, operatorTokens: await this.tokenAccount(operator) };
    const instruction = await this.programs.nodeStaking.methods
      .stake(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async requestUnstake(operator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const accounts = { operator, node };
    const instruction = await this.programs.nodeStaking.methods
      .requestUnstake(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async withdrawUnstaked(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, destination: await this.tokenAccount(operator) };
    delete (accounts as Record<string, unknown>).operatorTokens;
    const instruction = await this.programs.nodeStaking.methods
      .withdrawUnstaked()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async delegate(delegator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(delegator, node);
    const accounts = {
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
      vault: n.vault,
      delegatorTokens: await this.tokenAccount(delegator),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.nodeStaking.methods
      .delegate(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /**
   * Undelegates `shares`. `signer` defaults to the delegator; anyone else may
   * undelegate all of them once the node's provider has no stake.
   */
  async undelegate(
    delegator: PublicKey,
    node: PublicKey,
    shares: bigint,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
    };
    const instruction = await this.programs.nodeStaking.methods
      .undelegate(bn(shares))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Anyone may pay a delegator out to the delegator's own token account (`signer`). */
  private async payoutAccounts(delegator: PublicKey, node: PublicKey, signer = delegator) {
    const { cfg, n } = await this.stakeAccounts(delegator, node);
    return {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
      vault: n.vault,
      destination: await this.tokenAccount(delegator),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
  }

  async withdrawUndelegated(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = await this.payoutAccounts(delegator, node, signer);
    const instruction = await this.programs.nodeStaking.methods
      .withdrawUndelegated()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async claimRewards(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = await this.payoutAccounts(delegator, node, signer);
    const instruction = await this.programs.nodeStaking.methods
      .claimRewards()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Closes an empty delegation (no shares, unbonding or rewards); its rent returns to the delegator. */
  async closeDelegation(delegator: PublicKey, node: PublicKey): Promise<Built> {
    const accounts = { delegator, node, delegation: this.pdas.delegation(node, delegator) };
    const instruction = await this.programs.nodeStaking.methods
      .closeDelegation()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Settles a delegation (anyone): rewards into pending, shares of a wiped pool dropped. */
  async settleDelegation(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = this.wallet,
  ): Promise<Built> {
    const accounts = {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
    };
    const instruction = await this.programs.nodeStaking.methods
      .settleDelegation()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Re-evaluates a node's status against its stake and the current minimums (anyone). */
  async refreshNode(node: PublicKey): Promise<Built> {
    const n = await this.node(node);
    const accounts = { node, specTier: this.pdas.specTier(n.specTier) };
    const instruction = await this.programs.nodeStaking.methods
      .refreshNode()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /**
   * Closes a node that owes nothing (no stake, delegations, unbonding,
   * rewards or rentals): untracked vault tokens go to the treasury, the
   * node's and the vault's rent to the operator.
   */
  async closeNode(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { cfg, accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, treasury: cfg.treasury };
    const instruction = await this.programs.nodeStaking.methods
      .closeNode()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async claimOperatorRewards(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, destination: await this.tokenAccount(operator) };
    const instruction = await this.programs.nodeStaking.methods
      .claimOperatorRewards()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async creditRewards(
    node: PublicKey,
    epoch: bigint,
    uptimeBps: number,
    amount: bigint,
  ): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(this.wallet, node);
    const accounts = {
      rewardAuthority: cfg.rewardAuthority,
      node,
      vault: n.vault,
      source: await this.tokenAccount(cfg.rewardAuthority),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.nodeStaking.methods
      .creditRewards({ epoch: bn(epoch), uptimeBps, amount: bn(amount) })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async slash(args: {
    node: PublicKey;
    evidenceHash: Buffer;
    reason: "dataLeak" | "qosFailure" | "other";
    fractionBps: number;
    renterShareBps?: number;
    renterTokens?: PublicKey;
  }): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(this.wallet, args.node);
    const accounts = {
      authority: cfg.slashAuthority,
      payer: this.wallet,
      node: args.node,
      slashRecord: this.pdas.slashRecord(args.node, args.evidenceHash),
      vault: n.vault,
      treasury: cfg.treasury,
      renterTokens: args.renterTokens ?? null,
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.nodeStaking.methods
      .slash({
        evidenceHash: Array.from(args.evidenceHash),
        reason: variant(args.reason),
        fractionBps: args.fractionBps,
        renterShareBps: args.renterShareBps ?? 0,
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }

  // ------------------------------------------------------------- builders (rental_escrow)

  async createRental(args: {
    renter: PublicKey;
    node: PublicKey;
    durationSeconds: bigint;
    qosAddonIds?: number[];
    maxTokens: bigint;
    clusterId?: bigint;
    rentalId?: bigint;
  }): Promise<Built> {
    const cfg = await this.escrowConfig();
    const n = await this.node(args.node);
    const rentalId =
      args.rentalId ?? BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
    const rental = this.pdas.rental(args.renter, rentalId);
    const accounts = {
      renter: args.renter,
      rental,
      vault: this.pdas.rentalVault(rental),
      renterTokens: getAssociatedTokenAddressSync(
        cfg.paymentMint,
        args.renter,
        true,
        cfg.tokenProgram,
      ),
      paymentMint: cfg.paymentMint,
      node: args.node,
      priceAccount: cfg.oracleAccount,
      stakingConfig: this.pdas.stakingConfig(),
      stakingSpecTier: this.pdas.specTier(n.specTier),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      instructions: args.clusterId ? SYSVAR_INSTRUCTIONS_PUBKEY : null,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .createRental({
        rentalId: bn(rentalId),
        durationSeconds: bn(args.durationSeconds),
        qosAddonIds: Buffer.from(args.qosAddonIds ?? []),
        maxTokens: bn(args.maxTokens),
        clusterId: bn(args.clusterId ?? 0n),
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }

  /**
   * Chooses `count` Active nodes matching the filter (cheapest first) and
   * builds one all-or-nothing transaction renting all of them as a cluster.
   * A legacy transaction holds at most `MAX_LEGACY_CLUSTER_LEGS` legs (the
   * program allows up to 8 in one transaction, which needs a lookup table).
   */
  async buildCluster(args: {
    renter: PublicKey;
    count: number;
    durationSeconds: bigint;
    filter?: NodeFilter;
    slippageBps?: number;
    clusterId?: bigint;
  }): Promise<{
    instructions: Built[];
    nodes: PublicKey[];
    quotes: RentalQuote[];
    clusterId: bigint;
  }> {
    if (!Number.isInteger(args.count) || args.count < 1 || args.count > MAX_LEGACY_CLUSTER_LEGS) {
      throw new Error(
        `a cluster of ${args.count} nodes does not fit in one transaction: ` +
          `1 to ${MAX_LEGACY_CLUSTER_LEGS} nodes per cluster (rent more as separate clusters)`,
      );
    }
    const candidates = (await this.nodes({ ...args.filter, status: "active" })).sort((a, b) =>
      BigInt(a.account.priceMicroUsdPerHour.toString()) <
      BigInt(b.account.priceMicroUsdPerHour.toString())
        ? -1
        : 1,
    );
    if (candidates.length < args.count) {
      throw new Error(`only ${candidates.length} active node(s) match; ${args.count} requested`);
    }
    const chosen = candidates.slice(0, args.count);
    const clusterId = args.clusterId ?? BigInt(Date.now());
    const quotes: RentalQuote[] = [];
    const instructions: Built[] = [];
    for (const [i, c] of chosen.entries()) {
      const q = await this.quote(c.publicKey, args.durationSeconds);
      quotes.push(q);
      const maxTokens = q.total + (q.total * BigInt(args.slippageBps ?? 100)) / 10_000n;
      instructions.push(
        await this.createRental({
          renter: args.renter,
          node: c.publicKey,
          durationSeconds: args.durationSeconds,
          maxTokens,
          clusterId,
          rentalId: clusterId * 100n + BigInt(i),
        }),
      );
    }
    return { instructions, nodes: chosen.map((c) => c.publicKey), quotes, clusterId };
  }

  private async rentalAccounts(rental: PublicKey) {
    const [cfg, r] = await Promise.all([
      this.escrowConfig(),
      this.programs.rentalEscrow.account.rental.fetch(rental),
    ]);
    const ata = (owner: PublicKey) =>
      getAssociatedTokenAddressSync(cfg.paymentMint, owner, true, cfg.tokenProgram);
    return { cfg, r, ata };
  }

  async claim(rental: PublicKey): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      provider: r.provider,
      rental,
      vault: r.vault,
      providerTokens: ata(r.provider),
      treasury: cfg.treasury,
      paymentMint: cfg.paymentMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .claim()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async extendRental(rental: PublicKey, extraSeconds: bigint, maxTokens: bigint): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const n = await this.node(r.node);
    const accounts = {
      renter: r.renter,
      rental,
      vault: r.vault,
      renterTokens: ata(r.renter),
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      stakingSpecTier: this.pdas.specTier(n.specTier),
      priceAccount: cfg.oracleAccount,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .extendRental({ extraSeconds: bn(extraSeconds), maxTokens: bn(maxTokens) })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async cancelRental(rental: PublicKey): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      renter: r.renter,
      rental,
      vault: r.vault,
      renterTokens: ata(r.renter),
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .cancelRental()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async closeRental(rental: PublicKey, closer: PublicKey = this.wallet): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      closer,
      rental,
      renter: r.renter,
      vault: r.vault,
      providerTokens: ata(r.provider),
      renterTokens: ata(r.renter),
      treasury: cfg.treasury,
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .closeRental()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async openDispute(rental: PublicKey): Promise<Built> {
    const r = await this.programs.rentalEscrow.account.rental.fetch(rental);
    const accounts = { renter: r.renter, rental };
    const instruction = await this.programs.rentalEscrow.methods
      .openDispute()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async resolveDispute(
    rental: PublicKey,
    refundBps: number,
    slash?: {
      evidenceHash: Buffer;
      reason: "dataLeak" | "qosFailure" | "other";
      fractionBps: number;
      renterShareBps: number;
    },
    payAfterDispute?: boolean,
  ): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const staking = await this.stakingConfig();
    const n = await this.node(r.node);
    const accounts = {
      disputeAuthority: cfg.disputeAuthority,
      rental,
      vault: r.vault,
      providerTokens: ata(r.provider),
      renterTokens: ata(r.renter),
      treasury: cfg.treasury,
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      stakingSpecTier: slash ? this.pdas.specTier(n.specTier) : null,
      slashRecord: slash ? this.pdas.slashRecord(r.node, slash.evidenceHash) : null,
      nodeVault: slash ? n.vault : null,
      stakingTreasury: slash ? staking.treasury : null,
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.programs.rentalEscrow.methods
      .resolveDispute({
        refundBps,
        payAfterDispute: payAfterDispute ?? false,
        slash: slash
          ? {
              evidenceHash: Array.from(slash.evidenceHash),
              reason: variant(slash.reason),
              fractionBps: slash.fractionBps,
              renterShareBps: slash.renterShareBps,
            }
          : null,
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }
}

const bs58 = (b: Buffer): string => utils.bytes.bs58.encode(b);

export { Keypair, TOKEN_PROGRAM_ID };
