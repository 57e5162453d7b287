// The local (localnet-only) Pyth-format price fixture: a legacy price account
// owned by the Pyth stand-in program that the local validator loads at the
// legacy Pyth oracle's address (tests/fixtures/pyth-oracle-fixture), and a
// writer that stores a fresh price in it. Devnet and mainnet migrations never
// use it: there the real Pyth programs own the price accounts.
import { AnchorProvider } from "@coral-xyz/anchor";
import { PublicKey, Transaction, TransactionInstruction } from "@solana/web3.js";

import { sponsoredPriceFeedAccount } from "../app/src/oracle";
import {
  encodePythLegacyPrice,
  PRICE_UPDATE_V2_LEN,
  PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
} from "../tests/helpers/pyth";

export { encodePythLegacyPrice, PYTH_LEGACY_PRICE_ACCOUNT_SIZE };

/** The legacy Pyth oracle's mainnet address, where localnet runs the stand-in. */
export const LOCAL_PYTH_LEGACY_PROGRAM = new PublicKey(
  "FsJ3A3u2vn5cTVofAjvy6y5kkfAnkzGZBGq9v1ohhAgh",
);

/** Pyth's receiver address, where localnet runs the stand-in too (owner of PriceUpdateV2). */
export const LOCAL_PYTH_RECEIVER = new PublicKey("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");

/**
 * TEST FIXTURE: the feed id of a local pull-oracle feed (sha256 of
 * "gpu-depin test feed TOKEN/USD"; no real Pyth feed), and its sponsored
 * price-feed account: the push oracle's PDA for shard 0, as on devnet and
 * mainnet, put in the local validator's genesis (and in LiteSVM) owned by
 * the receiver stand-in, empty until a test writes an update into it.
 */
export const LOCAL_PULL_FEED_ID = Buffer.from(
  "9d3ee4d5bd3c2f8c0fd0b1a0f9b76e6e5d47c6bba0b3b7c58f3c8b0d0c1e6b2a",
  "hex",
);
export const LOCAL_SPONSORED_FEED_ACCOUNT = sponsoredPriceFeedAccount(LOCAL_PULL_FEED_ID);

/** The sponsored feed account as a genesis account: owner, size, rent-exempt lamports. */
export function localSponsoredFeedGenesis(): { lamports: number; space: number; owner: PublicKey } {
  // (bytes + 128) × 6 960 lamports: the rent-exempt minimum.
  return {
    lamports: (PRICE_UPDATE_V2_LEN + 128) * 6960,
    space: PRICE_UPDATE_V2_LEN,
    owner: LOCAL_PYTH_RECEIVER,
  };
}

export interface LocalPrice {
  /** Price mantissa: `price × 10^expo` USD per token. */
  price: bigint;
  /** Confidence interval, same exponent. */
  conf: bigint;
  expo: number;
}

/** The fixture's instruction: write `bytes` at `offset` into an account it owns. */
export function fixtureWriteInstruction(
  program: PublicKey,
  account: PublicKey,
  offset: number,
  bytes: Buffer,
): TransactionInstruction {
  const data = Buffer.alloc(4 + bytes.length);
  data.writeUInt32LE(offset, 0);
  bytes.copy(data, 4);
  return new TransactionInstruction({
    programId: program,
    keys: [{ pubkey: account, isSigner: false, isWritable: true }],
    data,
  });
}

/**
 * Writes `p`, published now (chain time and slot), into a legacy price account
 * owned by the stand-in. Only the first 240 bytes (header, aggregate,
 * timestamps) change; the EMA equals the price.
 */
export async function writeLocalPrice(
  provider: AnchorProvider,
  account: PublicKey,
  p: LocalPrice,
): Promise<void> {
  const info = await provider.connection.getAccountInfo(account, "confirmed");
  if (!info) throw new Error(`price account ${account.toBase58()} does not exist`);
  const slot = await provider.connection.getSlot("confirmed");
  const chainNow = await provider.connection.getBlockTime(slot);
  const publishTime = BigInt(chainNow ?? Math.floor(Date.now() / 1000));
  const bytes = encodePythLegacyPrice({ ...p, publishTime, publishSlot: BigInt(slot) }).subarray(
    0,
    240,
  );
  await provider.sendAndConfirm(
    new Transaction().add(fixtureWriteInstruction(info.owner, account, 0, Buffer.from(bytes))),
  );
}
