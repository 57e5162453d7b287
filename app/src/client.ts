// GpuMarketClient: one object for an integrator, composed of the SDK's parts.
//
//   reads.ts    MarketReads      fetchers (memcmp filters), pools, positions, quotes
//   staking.ts  StakingBuilders  node_staking instruction builders
//   escrow.ts   EscrowBuilders   rental_escrow instruction builders
//   cluster.ts  buildCluster     all-or-nothing cluster rentals (rentCluster sends one)
//   send.ts     Sender           v0 transactions, lookup tables, compute budget from
//                                simulation, priority fee, failures with logs
//   events.ts   parseEvents      the events of a confirmed transaction
//   pyth-fresh.ts                fresh pull-oracle updates: fetch (Hermes), post, close
//
// The parts are public (client.reads, client.staking, client.escrow,
// client.sender); their methods are also the client's own (client.nodes(),
// client.registerNode(), ...), forwarded by the table below, so code written
// against the single-class client keeps working.
import { AnchorProvider } from "@coral-xyz/anchor";
import { Connection, PublicKey, Signer, TransactionInstruction } from "@solana/web3.js";

import { buildCluster, ClusterArgs, ClusterPlan } from "./cluster";
import { Built } from "./common";
import { EscrowBuilders } from "./escrow";
import { MarketEvent, parseEvents, transactionEvents } from "./events";
import { Pdas } from "./pdas";
import {
  buildPriceUpdatePosting,
  fetchPriceUpdateData,
  PriceUpdateData,
  SignedStep,
} from "./pyth-fresh";
import { ProgramIds, programs, Programs } from "./programs";
import { MarketReads } from "./reads";
import { MAX_TRANSACTION_BYTES, SendOptions, Sender, SenderOptions } from "./send";
import { StakingBuilders } from "./staking";

/** The methods of each part that GpuMarketClient forwards (its table of contents). */
export const CLIENT_METHODS = {
  reads: [
    "stakingConfig",
    "escrowConfig",
    "node",
    "rental",
    "tier",
    "tiers",
    "tokenAccount",
    "qosAddons",
    "nodes",
    "rentals",
    "pool",
    "delegations",
    "quote",
    "quoteExtension",
  ],
  staking: [
    "registerNode",
    "updatePricing",
    "stake",
    "requestUnstake",
    "withdrawUnstaked",
    "claimOperatorRewards",
    "closeNode",
    "delegate",
    "undelegate",
    "withdrawUndelegated",
    "claimRewards",
    "closeDelegation",
    "settleDelegation",
    "refreshNode",
    "creditRewards",
    "slash",
  ],
  escrow: [
    "createRental",
    "extendRental",
    "cancelRental",
    "openDispute",
    "claim",
    "closeRental",
    "resolveDispute",
  ],
} as const satisfies {
  reads: readonly (keyof MarketReads)[];
  staking: readonly (keyof StakingBuilders)[];
  escrow: readonly (keyof EscrowBuilders)[];
};

type Forwarded = Pick<MarketReads, (typeof CLIENT_METHODS.reads)[number]> &
  Pick<StakingBuilders, (typeof CLIENT_METHODS.staking)[number]> &
  Pick<EscrowBuilders, (typeof CLIENT_METHODS.escrow)[number]>;

/** A cluster rental that landed: the plan, its signature and how it was sent. */
export interface ClusterRental extends ClusterPlan {
  signature: string;
  /** The serialized size of the transaction that rented the cluster. */
  transactionBytes: number;
  /**
   * The address lookup table the transaction used (clusters past
   * MAX_LEGACY_CLUSTER_LEGS). It is deactivated after the rental (see
   * `lookupTableDeactivated`); its rent can be reclaimed about 513 slots
   * later (`solana address-lookup-table close`).
   */
  lookupTable?: PublicKey;
  lookupTableDeactivated?: boolean;
}

// Declaration merging: the forwarded methods are part of the class's type.
export interface GpuMarketClient extends Forwarded {}

export class GpuMarketClient {
  readonly programs: Programs;
  readonly pdas: Pdas;
  readonly reads: MarketReads;
  readonly staking: StakingBuilders;
  readonly escrow: EscrowBuilders;
  readonly sender: Sender;

  /**
   * @param provider the connection and the wallet that signs (and pays fees)
   * @param programIds where the programs live on this cluster (default: the bundled IDLs' addresses)
   * @param senderOptions the compute-unit price (default "auto": recent fees, 0 on localhost)
   */
  constructor(
    readonly provider: AnchorProvider,
    programIds: ProgramIds = {},
    senderOptions: SenderOptions = {},
  ) {
    this.programs = programs(provider, programIds);
    this.pdas = new Pdas(this.programs);
    this.reads = new MarketReads(provider.connection, this.programs, this.pdas);
    this.staking = new StakingBuilders(provider, this.programs, this.pdas, this.reads);
    this.escrow = new EscrowBuilders(provider, this.programs, this.pdas, this.reads);
    this.sender = new Sender(provider, senderOptions);
  }

  get connection(): Connection {
    return this.provider.connection;
  }
  get wallet(): PublicKey {
    return this.provider.wallet.publicKey;
  }

  /** Sends and confirms (see Sender.send); resolves to the signature. */
  send(
    ixs: (Built | TransactionInstruction)[],
    signers: Signer[] = [],
    unitsKey?: string,
    options: SendOptions = {},
  ): Promise<string> {
    return this.sender.send(ixs, signers, unitsKey, options);
  }

  /** See buildCluster (cluster.ts). */
  buildCluster(args: ClusterArgs): Promise<ClusterPlan> {
    return buildCluster(this.reads, this.escrow, args);
  }

  /**
   * Builds a cluster (buildCluster) and rents it in one atomic v0
   * transaction signed by this client's wallet (the renter). When the legs
   * do not fit in 1 232 bytes on their own (more than
   * MAX_LEGACY_CLUSTER_LEGS), their accounts go into a new address lookup
   * table first (the wallet pays its rent), deactivated once the rental
   * landed.
   */
  async rentCluster(args: ClusterArgs): Promise<ClusterRental> {
    const plan = await this.buildCluster(args);
    const direct = await this.sender.transactionBytes(plan.instructions);
    if (direct <= MAX_TRANSACTION_BYTES) {
      const signature = await this.send(plan.instructions, [], "createRental");
      return { ...plan, signature, transactionBytes: direct };
    }
    // Every account but the signers and the top-level program ids (which a
    // v0 message must carry itself) can come from the table.
    const instructions = plan.instructions.map((b) => b.instruction);
    const programIds = new Set(instructions.map((ix) => ix.programId.toBase58()));
    const addresses = new Map<string, PublicKey>();
    for (const ix of instructions)
      for (const k of ix.keys)
        if (!k.isSigner && !programIds.has(k.pubkey.toBase58()))
          addresses.set(k.pubkey.toBase58(), k.pubkey);
    const table = await this.sender.createLookupTable([...addresses.values()]);
    const transactionBytes = await this.sender.transactionBytes(plan.instructions, 1, [table]);
    let signature: string;
    try {
      signature = await this.send(plan.instructions, [], "createRental", { lookupTables: [table] });
    } catch (e) {
      // A failed rental must not leave an active table behind either.
      await this.sender.deactivateLookupTable(table.key).catch(() => undefined);
      throw e;
    }
    const lookupTableDeactivated = await this.sender
      .deactivateLookupTable(table.key)
      .then(() => true)
      .catch(() => false);
    return { ...plan, signature, transactionBytes, lookupTable: table.key, lookupTableDeactivated };
  }

  /**
   * Fetches the latest signed update of the escrow's pull feed from Hermes
   * (see pyth-fresh.ts). Its `price` quotes offline: `quote(node, secs, [], update.price)`.
   */
  async fetchPriceUpdate(hermesUrl?: string): Promise<PriceUpdateData> {
    return fetchPriceUpdateData((await this.reads.escrowConfig()).feedId, hermesUrl);
  }

  /**
   * Posts `update` fully verified through Pyth's receiver (this wallet pays;
   * several transactions, sent in order) and returns the account to pass as
   * `priceAccount`, and `close()`, which reclaims the rent once you are done.
   */
  async postPriceUpdate(
    update: PriceUpdateData,
    opts: { computeUnitPriceMicroLamports?: number } = {},
  ): Promise<{
    priceUpdateAccount: PublicKey;
    signatures: string[];
    close: () => Promise<string[]>;
  }> {
    const posting = await buildPriceUpdatePosting(
      this.connection,
      this.provider.wallet as never,
      update,
      {
        // Default: this client's priority fee ("auto": recent fees, 0 on localhost).
        computeUnitPriceMicroLamports:
          opts.computeUnitPriceMicroLamports ?? (await this.sender.computeUnitPrice([])),
      },
    );
    // Posting runs Wormhole's and Pyth's receiver programs: say so plainly
    // where they are not deployed (localnet) instead of a failed simulation.
    for (const [name, id] of [
      ["Wormhole's core bridge", posting.wormholeProgramId],
      ["Pyth's receiver", posting.receiverProgramId],
    ] as const) {
      const info = await this.connection.getAccountInfo(id);
      if (!info?.executable)
        throw new Error(
          `${name} program ${id.toBase58()} is not deployed on ${this.connection.rpcEndpoint}: ` +
            "fresh updates need it (devnet, mainnet); here pass a posted update account",
        );
    }
    const send = (steps: SignedStep[]) =>
      steps.length
        ? this.provider.sendAll(steps, { commitment: "confirmed" })
        : Promise.resolve([]);
    const signatures = await send(posting.post);
    return {
      priceUpdateAccount: posting.priceUpdateAccount,
      signatures,
      close: () => send(posting.close),
    };
  }

  /** The events of the confirmed transaction `signature` (both programs, CPIs included). */
  transactionEvents(signature: string): Promise<MarketEvent[]> {
    return transactionEvents(this.connection, this.programs, signature);
  }

  /** The events in a transaction's logs (see parseEvents). */
  parseEvents(logs: readonly string[]): MarketEvent[] {
    return parseEvents(this.programs, logs);
  }
}

for (const [part, names] of Object.entries(CLIENT_METHODS) as [
  keyof typeof CLIENT_METHODS,
  readonly string[],
][]) {
  for (const name of names) {
    Object.defineProperty(GpuMarketClient.prototype, name, {
      value: function (this: GpuMarketClient, ...args: unknown[]) {
        const target = this[part] as unknown as Record<string, (...a: unknown[]) => unknown>;
        return target[name](...args);
      },
      writable: true,
      configurable: true,
    });
  }
}
