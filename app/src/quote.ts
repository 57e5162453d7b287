// Rental quotes: the same USD → token conversion as rental_escrow's
// pricing.rs, in BigInt, to the base unit. Tested against the on-chain `quote`
// view for many random inputs.
import { parsePriceData, PriceStatus } from "@pythnetwork/client";
import { AccountInfo, PublicKey } from "@solana/web3.js";

export interface OraclePrice {
  /** Units of 10^expo USD per whole token. */
  price: bigint;
  conf: bigint;
  expo: number;
  /** Unix seconds. */
  publishTime: bigint;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const U64_MAX = (1n << 64n) - 1n;

/** micro-USD for `durationSeconds` at `rateMicroUsdPerHour`, rounded up. */
export function costMicroUsd(durationSeconds: bigint, rateMicroUsdPerHour: bigint): bigint {
  return ceilDiv(durationSeconds * rateMicroUsdPerHour, 3600n);
}

/**
 * Base units paying `costMicro` at the conservative price (price − conf),
 * rounded up: tokens = cost × 10^decimals / (10^6 × (price − conf) × 10^expo).
 */
export function tokensForUsdCeil(costMicro: bigint, p: OraclePrice, decimals: number): bigint {
  const conservative = p.price - p.conf;
  if (conservative <= 0n) throw new Error("oracle price minus confidence is not positive");
  if (p.expo < -18 || p.expo > 6) throw new Error(`unsupported exponent ${p.expo}`);
  if (decimals > 12) throw new Error(`unsupported decimals ${decimals}`);
  let num = costMicro * 10n ** BigInt(decimals);
  let den = 1_000_000n * conservative;
  if (p.expo < 0) num *= 10n ** BigInt(-p.expo);
  else den *= 10n ** BigInt(p.expo);
  const tokens = ceilDiv(num, den);
  if (tokens > U64_MAX) throw new Error("cost does not fit in u64 token units");
  return tokens;
}

export interface RentalQuote {
  rateMicroUsdPerHour: bigint;
  costMicroUsd: bigint;
  /** Escrowed base units. */
  tokens: bigint;
  /** Renter-side reservation fee, base units (rounded up). */
  fee: bigint;
  /** tokens + fee: the least `max_tokens` that passes. */
  total: bigint;
  price: OraclePrice;
}

export function quoteRental(args: {
  durationSeconds: bigint;
  rateMicroUsdPerHour: bigint;
  price: OraclePrice;
  decimals: number;
  reservationFeeBps: number;
}): RentalQuote {
  const cost = costMicroUsd(args.durationSeconds, args.rateMicroUsdPerHour);
  const tokens = tokensForUsdCeil(cost, args.price, args.decimals);
  const fee = ceilDiv(tokens * BigInt(args.reservationFeeBps), 10_000n);
  return {
    rateMicroUsdPerHour: args.rateMicroUsdPerHour,
    costMicroUsd: cost,
    tokens,
    fee,
    total: tokens + fee,
    price: args.price,
  };
}

/** A legacy Pyth price account, read with @pythnetwork/client (Trading only). */
export function readLegacyPrice(data: Buffer): OraclePrice {
  const parsed = parsePriceData(data);
  if (parsed.status !== PriceStatus.Trading) {
    throw new Error(`Pyth price status is ${PriceStatus[parsed.status]}, not Trading`);
  }
  return {
    price: parsed.aggregate.priceComponent,
    conf: parsed.aggregate.confidenceComponent,
    expo: parsed.exponent,
    publishTime: parsed.timestamp,
  };
}

/** A Pyth receiver PriceUpdateV2 account (fully verified only). */
export function readPriceUpdateV2(data: Buffer): OraclePrice & { feedId: Buffer } {
  if (data.length < 133 || data[40] !== 1) {
    throw new Error("not a fully verified PriceUpdateV2 account");
  }
  return {
    feedId: Buffer.from(data.subarray(41, 73)),
    price: data.readBigInt64LE(73),
    conf: data.readBigUInt64LE(81),
    expo: data.readInt32LE(89),
    publishTime: data.readBigInt64LE(93),
  };
}

/**
 * Reads whichever format the escrow is configured for; a pull update must be
 * for `feedId` (the escrow refuses another feed with FeedMismatch).
 */
export function readOraclePrice(
  kind: "pythLegacy" | "pythPull",
  account: AccountInfo<Buffer>,
  feedId?: Buffer,
): OraclePrice {
  if (kind === "pythLegacy") return readLegacyPrice(account.data);
  const update = readPriceUpdateV2(account.data);
  if (feedId && !update.feedId.equals(feedId))
    throw new Error(
      `the price update is for feed ${update.feedId.toString("hex")}, ` +
        `the escrow prices in feed ${feedId.toString("hex")}`,
    );
  return update;
}

export type { PublicKey };
