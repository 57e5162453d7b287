// Byte-exact Pyth account fixtures for tests.
//
// encodePythLegacyPrice writes a legacy Pyth v2 price account exactly as
// @pythnetwork/client 2.22.1 `parsePriceData` reads it (and as
// programs/rental-escrow/src/oracle.rs `parse_pyth_legacy` reads it).
// encodePriceUpdateV2 writes the borsh layout of the Pyth receiver's
// `PriceUpdateV2` account (pyth-solana-receiver-sdk), as read by
// `parse_pyth_pull`.
import { PublicKey } from "@solana/web3.js";
import * as path from "path";

/** Pyth receiver (pull oracle) program that owns PriceUpdateV2 accounts. */
export const PYTH_RECEIVER_PROGRAM_ID = new PublicKey(
  "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ",
);

export interface PythPriceFixture {
  /** Aggregate price in units of 10^expo USD per whole token. */
  price: bigint;
  /** Confidence interval, same units as price. */
  conf: bigint;
  expo: number;
  /** Unix seconds: legacy `timestamp` (offset 96) / pull `publish_time`. */
  publishTime: bigint;
  /** Legacy aggregate status; default "trading". Ignored by the pull encoder. */
  status?: "trading" | "unknown" | "halted";
}

// ---- legacy v2 price account ----------------------------------------------

export const PYTH_LEGACY_MAGIC = 0xa1b2c3d4;
export const PYTH_LEGACY_VERSION = 2;
export const PYTH_LEGACY_ACCOUNT_TYPE_PRICE = 3;
/** 240-byte header + aggregate, then 32 components of 96 bytes. */
export const PYTH_LEGACY_PRICE_ACCOUNT_SIZE = 3312;

/** Legacy `PriceStatus` values (see @pythnetwork/client PriceStatus). */
export const PYTH_LEGACY_STATUS = { unknown: 0, trading: 1, halted: 2 } as const;

/** Legacy `PriceType.Price`. */
const PRICE_TYPE_PRICE = 1;

/** Byte offsets read by `parsePriceData` (@pythnetwork/client 2.22.1). */
export const PYTH_LEGACY_OFFSETS = {
  magic: 0, // u32
  version: 4, // u32
  accountType: 8, // u32
  size: 12, // u32
  priceType: 16, // u32
  exponent: 20, // i32
  numComponentPrices: 24, // u32
  numQuoters: 28, // u32
  lastSlot: 32, // u64
  validSlot: 40, // u64
  emaPrice: 48, // { value i64, numerator i64, denominator i64 }
  emaConfidence: 72, // same
  timestamp: 96, // i64  <- publish time
  minPublishers: 104, // u8
  messageSent: 105, // u8
  maxLatency: 106, // u8
  flags: 107, // i8
  feedIndex: 108, // i32
  productAccount: 112, // 32 bytes
  nextPriceAccount: 144, // 32 bytes
  previousSlot: 176, // u64
  previousPrice: 184, // i64
  previousConfidence: 192, // u64
  previousTimestamp: 200, // i64
  aggregatePrice: 208, // i64
  aggregateConfidence: 216, // u64
  aggregateStatus: 224, // u32
  aggregateCorporateAction: 228, // u32
  aggregatePublishSlot: 232, // u64
  components: 240,
} as const;

/**
 * Full legacy Pyth v2 price account (3312 bytes, zero components).
 *
 * `publishSlot` (default 0) goes into last/valid/aggregate publish slot; pass
 * the current slot if you call `parsePriceData(data, currentSlot)`, which
 * downgrades a Trading status older than 25 slots to Unknown.
 */
export function encodePythLegacyPrice(
  f: PythPriceFixture & { publishSlot?: bigint; emaPrice?: bigint },
  product: PublicKey = PublicKey.default,
): Buffer {
  const o = PYTH_LEGACY_OFFSETS;
  const slot = f.publishSlot ?? 0n;
  const d = Buffer.alloc(PYTH_LEGACY_PRICE_ACCOUNT_SIZE);
  d.writeUInt32LE(PYTH_LEGACY_MAGIC, o.magic);
  d.writeUInt32LE(PYTH_LEGACY_VERSION, o.version);
  d.writeUInt32LE(PYTH_LEGACY_ACCOUNT_TYPE_PRICE, o.accountType);
  d.writeUInt32LE(PYTH_LEGACY_PRICE_ACCOUNT_SIZE, o.size);
  d.writeUInt32LE(PRICE_TYPE_PRICE, o.priceType);
  d.writeInt32LE(f.expo, o.exponent);
  d.writeUInt32LE(0, o.numComponentPrices);
  d.writeUInt32LE(0, o.numQuoters);
  d.writeBigUInt64LE(slot, o.lastSlot);
  d.writeBigUInt64LE(slot, o.validSlot);
  // EMA (default: the current value), numerator = value, denominator = 1.
  d.writeBigInt64LE(f.emaPrice ?? f.price, o.emaPrice);
  d.writeBigInt64LE(f.emaPrice ?? f.price, o.emaPrice + 8);
  d.writeBigInt64LE(1n, o.emaPrice + 16);
  d.writeBigUInt64LE(f.conf, o.emaConfidence);
  d.writeBigUInt64LE(f.conf, o.emaConfidence + 8);
  d.writeBigInt64LE(1n, o.emaConfidence + 16);
  d.writeBigInt64LE(f.publishTime, o.timestamp);
  d.writeUInt8(1, o.minPublishers);
  d.writeUInt8(0, o.messageSent);
  d.writeUInt8(0, o.maxLatency);
  d.writeInt8(0, o.flags);
  d.writeInt32LE(0, o.feedIndex);
  product.toBuffer().copy(d, o.productAccount);
  // nextPriceAccount stays zero (= none).
  d.writeBigUInt64LE(slot, o.previousSlot);
  d.writeBigInt64LE(f.price, o.previousPrice);
  d.writeBigUInt64LE(f.conf, o.previousConfidence);
  d.writeBigInt64LE(f.publishTime, o.previousTimestamp);
  d.writeBigInt64LE(f.price, o.aggregatePrice);
  d.writeBigUInt64LE(f.conf, o.aggregateConfidence);
  d.writeUInt32LE(PYTH_LEGACY_STATUS[f.status ?? "trading"], o.aggregateStatus);
  d.writeUInt32LE(0, o.aggregateCorporateAction);
  d.writeBigUInt64LE(slot, o.aggregatePublishSlot);
  return d;
}

// ---- pull oracle PriceUpdateV2 --------------------------------------------

/** sha256("account:PriceUpdateV2")[0..8]. */
export const PRICE_UPDATE_V2_DISCRIMINATOR = Buffer.from([34, 241, 35, 99, 157, 126, 244, 205]);
/** Allocated account size (PriceUpdateV2::LEN, sized for the 2-byte Partial variant). */
export const PRICE_UPDATE_V2_LEN = 134;

/**
 * `PriceUpdateV2` account bytes (134, zero padded):
 * discriminator(8) | write_authority(32) | verification_level (1 = Full, or
 * 0 + num_signatures u8 = Partial) | feed_id(32) | price i64 | conf u64 |
 * exponent i32 | publish_time i64 | prev_publish_time i64 | ema_price i64 |
 * ema_conf u64 | posted_slot u64.
 *
 * Defaults: verification "full", writeAuthority = PublicKey.default,
 * postedSlot 0, numSignatures 5 (Partial only), prevPublishTime =
 * publishTime - 1, ema = price/conf.
 */
export function encodePriceUpdateV2(
  f: PythPriceFixture & {
    feedId: Buffer;
    verification?: "full" | "partial";
    writeAuthority?: PublicKey;
    postedSlot?: bigint;
    numSignatures?: number;
    prevPublishTime?: bigint;
    emaPrice?: bigint;
  },
): Buffer {
  if (f.feedId.length !== 32) {
    throw new Error(`feedId must be 32 bytes, got ${f.feedId.length}`);
  }
  const d = Buffer.alloc(PRICE_UPDATE_V2_LEN);
  let o = 0;
  PRICE_UPDATE_V2_DISCRIMINATOR.copy(d, o);
  o += 8;
  (f.writeAuthority ?? PublicKey.default).toBuffer().copy(d, o);
  o += 32;
  if ((f.verification ?? "full") === "full") {
    d.writeUInt8(1, o);
    o += 1;
  } else {
    d.writeUInt8(0, o);
    d.writeUInt8(f.numSignatures ?? 5, o + 1);
    o += 2;
  }
  f.feedId.copy(d, o);
  o += 32;
  d.writeBigInt64LE(f.price, o);
  o += 8;
  d.writeBigUInt64LE(f.conf, o);
  o += 8;
  d.writeInt32LE(f.expo, o);
  o += 4;
  d.writeBigInt64LE(f.publishTime, o);
  o += 8;
  d.writeBigInt64LE(f.prevPublishTime ?? f.publishTime - 1n, o);
  o += 8;
  d.writeBigInt64LE(f.emaPrice ?? f.price, o); // ema_price
  o += 8;
  d.writeBigUInt64LE(f.conf, o); // ema_conf
  o += 8;
  d.writeBigUInt64LE(f.postedSlot ?? 0n, o);
  return d;
}

// ---- PriceUpdateV2 by the receiver's own IDL coder --------------------------

/**
 * `PriceUpdateV2` bytes encoded by Pyth's own definition: the receiver's IDL
 * from @pythnetwork/pyth-solana-receiver 0.14.0 with the Anchor version that
 * package ships (0.29, its own BorshAccountsCoder), zero padded to the
 * allocated PRICE_UPDATE_V2_LEN. (The package's main entry is not loaded: it
 * pulls jito-ts, whose web3.js does not load next to ours.)
 */
export async function encodePriceUpdateV2ByReceiverIdl(
  f: PythPriceFixture & {
    feedId: Buffer;
    verification?: "full" | "partial";
    writeAuthority?: PublicKey;
    postedSlot?: bigint;
    numSignatures?: number;
    prevPublishTime?: bigint;
    emaPrice?: bigint;
    emaConf?: bigint;
  },
): Promise<Buffer> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const idlModule = require.resolve("@pythnetwork/pyth-solana-receiver/idl/pyth_solana_receiver");
  const { IDL } = require(idlModule) as { IDL: unknown };
  const anchor = require(
    require.resolve("@coral-xyz/anchor", { paths: [path.dirname(idlModule)] }),
  );
  /* eslint-enable @typescript-eslint/no-require-imports */
  const BN = anchor.BN;
  const coder = new anchor.BorshAccountsCoder(IDL);
  const encoded: Buffer = await coder.encode("priceUpdateV2", {
    writeAuthority: f.writeAuthority ?? PublicKey.default,
    verificationLevel:
      (f.verification ?? "full") === "full"
        ? { full: {} }
        : { partial: { numSignatures: f.numSignatures ?? 5 } },
    priceMessage: {
      feedId: Array.from(f.feedId),
      price: new BN(f.price.toString()),
      conf: new BN(f.conf.toString()),
      exponent: f.expo,
      publishTime: new BN(f.publishTime.toString()),
      prevPublishTime: new BN((f.prevPublishTime ?? f.publishTime - 1n).toString()),
      emaPrice: new BN((f.emaPrice ?? f.price).toString()),
      emaConf: new BN((f.emaConf ?? f.conf).toString()),
    },
    postedSlot: new BN((f.postedSlot ?? 0n).toString()),
  });
  const out = Buffer.alloc(PRICE_UPDATE_V2_LEN);
  encoded.copy(out);
  return out;
}
