// Fresh pull-oracle prices: fetch the latest signed update for the escrow's
// feed from Pyth's Hermes, post it fully verified with Pyth's own receiver SDK
// (Wormhole signatures checked on chain: the escrow refuses partial
// verification), use the posted account, then close it to get the rent back.
//
// Pyth's packages are optional peer dependencies, loaded on first use, so the
// SDK's main entry stays light for browser bundles:
//   npm install @pythnetwork/hermes-client @pythnetwork/pyth-solana-receiver
import { Wallet } from "@coral-xyz/anchor";
import { Connection, PublicKey, Signer, VersionedTransaction } from "@solana/web3.js";

import { OraclePrice } from "./quote";

/** Pyth's public Hermes endpoint (mainnet and devnet feeds share ids). */
export const DEFAULT_HERMES_URL = "https://hermes.pyth.network";

/** A signed price update and the price it carries for one feed. */
export interface PriceUpdateData {
  /** The binary update(s), base64, as Hermes returns them and Pyth's receiver SDK takes them. */
  data: string[];
  /** The feed's price, read from the signed message itself (not from Hermes's parsed JSON). */
  price: OraclePrice & { emaPrice: bigint; feedId: Buffer };
}

/** A transaction to send and its extra signers (Pyth's ephemeral accounts). */
export interface SignedStep {
  tx: VersionedTransaction;
  signers: Signer[];
}

/** Transactions that post an update, the account it lands in, and those that close it. */
export interface PriceUpdatePosting {
  /** Where the fully verified PriceUpdateV2 will be: pass it as the price account. */
  priceUpdateAccount: PublicKey;
  /** Post the VAA, verify its signatures, post the update (send in order). */
  post: SignedStep[];
  /** Close the update and the encoded VAA accounts (rent back to the payer). */
  close: SignedStep[];
  /** The programs the posting runs. */
  receiverProgramId: PublicKey;
  wormholeProgramId: PublicKey;
}

const hex = (feedId: Uint8Array | number[]) => Buffer.from(feedId).toString("hex");

/** Loads an optional Pyth package with a message that says what to install. */
async function optional<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    throw new Error(
      `fresh Pyth prices need ${name} (npm install ${name}): ${(e as Error).message}`,
    );
  }
}

/**
 * The price of `feedId` in a Hermes update (accumulator format). Throws if
 * the update has no message for that feed.
 */
export async function parsePriceUpdateData(
  data: string[],
  feedId: Uint8Array | number[],
): Promise<PriceUpdateData> {
  const sdk = await optional(
    "@pythnetwork/price-service-sdk",
    () => import("@pythnetwork/price-service-sdk"),
  );
  const want = hex(feedId);
  for (const item of data) {
    const bytes = Buffer.from(item, "base64");
    if (!sdk.isAccumulatorUpdateData(bytes)) continue;
    for (const u of sdk.parseAccumulatorUpdateData(bytes).updates) {
      if (u.message[0] !== 0) continue; // 0 = price feed message (1 = TWAP)
      const m = sdk.parsePriceFeedMessage(u.message);
      if (m.feedId.toString("hex") !== want) continue;
      return {
        data,
        price: {
          feedId: m.feedId,
          price: BigInt(m.price.toString()),
          conf: BigInt(m.confidence.toString()),
          expo: m.exponent,
          publishTime: BigInt(m.publishTime.toString()),
          emaPrice: BigInt(m.emaPrice.toString()),
        },
      };
    }
  }
  throw new Error(`the price update has no message for feed ${want}`);
}

/** Fetches the latest signed update of `feedId` from Hermes (`hermesUrl`). */
export async function fetchPriceUpdateData(
  feedId: Uint8Array | number[],
  hermesUrl = DEFAULT_HERMES_URL,
): Promise<PriceUpdateData> {
  const { HermesClient } = await optional(
    "@pythnetwork/hermes-client",
    () => import("@pythnetwork/hermes-client"),
  );
  let data: string[];
  try {
    const res = await new HermesClient(hermesUrl, { timeout: 10_000 }).getLatestPriceUpdates(
      [`0x${hex(feedId)}`],
      { encoding: "base64", parsed: false },
    );
    data = res.binary.data;
  } catch (e) {
    throw new Error(
      `could not fetch a price update for feed ${hex(feedId)} from ${hermesUrl} ` +
        `(${(e as Error).message}); pass a posted update account instead`,
    );
  }
  return parsePriceUpdateData(data, feedId);
}

/**
 * Builds the transactions that post `update` fully verified through Pyth's
 * receiver (at its mainnet/devnet address unless overridden) and close it
 * afterwards. `wallet` pays and signs; nothing is sent.
 */
export async function buildPriceUpdatePosting(
  connection: Connection,
  wallet: Wallet,
  update: PriceUpdateData,
  opts: {
    computeUnitPriceMicroLamports?: number;
    receiverProgramId?: PublicKey;
    wormholeProgramId?: PublicKey;
  } = {},
): Promise<PriceUpdatePosting> {
  const { PythSolanaReceiver } = await optional(
    "@pythnetwork/pyth-solana-receiver",
    () => import("@pythnetwork/pyth-solana-receiver"),
  );
  const receiver = new PythSolanaReceiver({
    connection,
    wallet: wallet as never, // the receiver's Anchor 0.29 Wallet has the same shape
    receiverProgramId: opts.receiverProgramId,
    wormholeProgramId: opts.wormholeProgramId,
  });
  // Fully verified: the VAA goes to an encoded-VAA account whose guardian
  // signatures the Wormhole program verifies, then post_update reads it.
  const built = await receiver.buildPostPriceUpdateInstructions(update.data);
  const feed = `0x${hex(update.price.feedId)}`;
  const priceUpdateAccount = built.priceFeedIdToPriceUpdateAccount[feed];
  if (!priceUpdateAccount) throw new Error(`the update does not post feed ${feed}`);
  const fee = { computeUnitPriceMicroLamports: opts.computeUnitPriceMicroLamports ?? 0 };
  return {
    priceUpdateAccount,
    receiverProgramId: receiver.receiver.programId,
    wormholeProgramId: receiver.wormhole.programId,
    post: await receiver.batchIntoVersionedTransactions(built.postInstructions, fee),
    close: await receiver.batchIntoVersionedTransactions(built.closeInstructions, fee),
  };
}
