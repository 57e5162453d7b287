// The local (localnet-only) Pyth-format price fixture: the encoder shared with
// the tests, and a writer that stores a fresh price through the test_oracle
// fixture program. Devnet and mainnet migrations never use it.
import { AnchorProvider, Program } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";

import { loadIdl } from "../app/src/programs";
import type { TestOracle } from "../target/types/test_oracle";
import { encodePythLegacyPrice, PYTH_LEGACY_PRICE_ACCOUNT_SIZE } from "../tests/helpers/pyth";

export { encodePythLegacyPrice, PYTH_LEGACY_PRICE_ACCOUNT_SIZE };

export interface LocalPrice {
  /** Price mantissa: `price × 10^expo` USD per token. */
  price: bigint;
  /** Confidence interval, same exponent. */
  conf: bigint;
  expo: number;
}

/** The test_oracle fixture program (its IDL must be built). */
export function testOracleProgram(provider: AnchorProvider): Program<TestOracle> {
  return new Program<TestOracle>(loadIdl("test_oracle"), provider);
}

/**
 * Writes `p`, published now (chain time), into a legacy price account owned by
 * test_oracle. Only the first 240 bytes (header, aggregate, timestamps) change.
 */
export async function writeLocalPrice(
  provider: AnchorProvider,
  account: PublicKey,
  p: LocalPrice,
): Promise<void> {
  const slot = await provider.connection.getSlot("confirmed");
  const chainNow = await provider.connection.getBlockTime(slot);
  const publishTime = BigInt(chainNow ?? Math.floor(Date.now() / 1000));
  const bytes = encodePythLegacyPrice({ ...p, publishTime, publishSlot: BigInt(slot) }).subarray(
    0,
    240,
  );
  await testOracleProgram(provider)
    .methods.write(0, Buffer.from(bytes))
    .accountsPartial({ authority: provider.wallet.publicKey, price: account })
    .rpc();
}
