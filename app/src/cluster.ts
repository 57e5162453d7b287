// Cluster rentals: the cheapest matching Active nodes, rented all or nothing
// in one transaction (create_rental legs sharing a cluster id).
import { PublicKey } from "@solana/web3.js";

import rentalEscrowIdl from "./idl/rental_escrow.json";
import { big, Built, NodeFilter } from "./common";
import { EscrowBuilders } from "./escrow";
import { RentalQuote } from "./quote";
import { MarketReads } from "./reads";

/** The most create_rental legs one transaction holds without a lookup table (1232 bytes). */
export const MAX_LEGACY_CLUSTER_LEGS = 4;

/**
 * The most legs the escrow accepts in one cluster (its MAX_CLUSTER_LEGS
 * constant, from the IDL): more than MAX_LEGACY_CLUSTER_LEGS go through an
 * address lookup table (GpuMarketClient.rentCluster).
 */
export const MAX_CLUSTER_LEGS: number = Number(
  (rentalEscrowIdl.constants as { name: string; value: string }[]).find(
    (c) => c.name === "MAX_CLUSTER_LEGS",
  )?.value ?? 8,
);

export interface ClusterArgs {
  renter: PublicKey;
  count: number;
  durationSeconds: bigint;
  filter?: NodeFilter;
  /** Tolerance above each leg's quote (default 100 = 1 %). */
  slippageBps?: number;
  clusterId?: bigint;
  /** Pull mode: a posted price update every leg reads (default: see oracle.ts). */
  priceAccount?: PublicKey;
}

export interface ClusterPlan {
  instructions: Built[];
  nodes: PublicKey[];
  quotes: RentalQuote[];
  clusterId: bigint;
}

/**
 * Chooses `count` Active nodes matching the filter (cheapest first) and
 * builds one all-or-nothing transaction renting all of them as a cluster.
 * Up to `MAX_CLUSTER_LEGS` legs (the program's limit); past
 * `MAX_LEGACY_CLUSTER_LEGS` the transaction needs an address lookup table,
 * which `GpuMarketClient.rentCluster` creates.
 */
export async function buildCluster(
  reads: MarketReads,
  escrow: EscrowBuilders,
  args: ClusterArgs,
): Promise<ClusterPlan> {
  if (!Number.isInteger(args.count) || args.count < 1 || args.count > MAX_CLUSTER_LEGS) {
    throw new Error(
      `a cluster of ${args.count} nodes is not possible: ` +
        `1 to ${MAX_CLUSTER_LEGS} nodes per cluster (the escrow's limit; rent more as separate clusters)`,
    );
  }
  const candidates = (await reads.nodes({ ...args.filter, status: "active" })).sort((a, b) =>
    big(a.account.priceMicroUsdPerHour) < big(b.account.priceMicroUsdPerHour) ? -1 : 1,
  );
  if (candidates.length < args.count) {
    throw new Error(`only ${candidates.length} active node(s) match; ${args.count} requested`);
  }
  const chosen = candidates.slice(0, args.count);
  const clusterId = args.clusterId ?? BigInt(Date.now());
  const quotes: RentalQuote[] = [];
  const instructions: Built[] = [];
  // Each leg's id is the next cheap one (see Pdas.cheapRentalId) from
  // clusterId × 100: eight legs use about 32 ids of the 100.
  let nextId = clusterId * 100n;
  for (const c of chosen) {
    const rentalId = escrow.pdas.cheapRentalId(args.renter, nextId);
    nextId = rentalId + 1n;
    const q = await reads.quote(c.publicKey, args.durationSeconds, [], args.priceAccount);
    quotes.push(q);
    const maxTokens = q.total + (q.total * BigInt(args.slippageBps ?? 100)) / 10_000n;
    instructions.push(
      await escrow.createRental({
        renter: args.renter,
        node: c.publicKey,
        durationSeconds: args.durationSeconds,
        maxTokens,
        clusterId,
        rentalId,
        priceAccount: args.priceAccount,
      }),
    );
  }
  return { instructions, nodes: chosen.map((c) => c.publicKey), quotes, clusterId };
}
