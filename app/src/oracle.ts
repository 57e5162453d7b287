// Which price account a rental reads. Legacy mode: the pinned account. Pull
// mode (Pyth's receiver, the only Pyth mode on devnet and mainnet): the
// pinned account if the escrow pins one, else any fully verified
// PriceUpdateV2 for the escrow's feed. By default that is the sponsored
// price-feed account Pyth keeps updated for the feed (the push oracle's PDA,
// shard 0); pass a freshly posted update instead (posted with Pyth's own
// @pythnetwork/pyth-solana-receiver, fully verified) when the sponsored feed
// is too old for the escrow's age limit.
import { PublicKey } from "@solana/web3.js";

import { EscrowConfig, enumName } from "./common";

/** Pyth's receiver program: owner of every PriceUpdateV2 account. */
export const PYTH_RECEIVER_PROGRAM_ID = new PublicKey(
  "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ",
);
/** Pyth's push-oracle program, whose PDAs are the sponsored price-feed accounts. */
export const PYTH_PUSH_ORACLE_PROGRAM_ID = new PublicKey(
  "pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT",
);

/** The sponsored price-feed account of `feedId` (seeds: shard id u16 LE, feed id). */
export function sponsoredPriceFeedAccount(
  feedId: Uint8Array | number[],
  shardId = 0,
  pushOracleProgram = PYTH_PUSH_ORACLE_PROGRAM_ID,
): PublicKey {
  const shard = Buffer.alloc(2);
  shard.writeUInt16LE(shardId);
  return PublicKey.findProgramAddressSync([shard, Buffer.from(feedId)], pushOracleProgram)[0];
}

/**
 * The price account a create_rental or extend_rental should pass: `chosen`
 * (a posted update, pull mode only) or the escrow's default for its mode.
 */
export function priceAccountFor(cfg: EscrowConfig, chosen?: PublicKey): PublicKey {
  const pinned = !cfg.oracleAccount.equals(PublicKey.default);
  if (enumName(cfg.oracleKind) === "pythLegacy" || pinned) {
    if (chosen && !chosen.equals(cfg.oracleAccount)) {
      throw new Error(
        `the escrow reads its price from ${cfg.oracleAccount.toBase58()} only; ` +
          `${chosen.toBase58()} would be refused (WrongOracleAccount)`,
      );
    }
    return cfg.oracleAccount;
  }
  return chosen ?? sponsoredPriceFeedAccount(cfg.feedId);
}
