// Reading a landed transaction: its compute-budget instructions.
import { ComputeBudgetProgram, VersionedTransactionResponse } from "@solana/web3.js";

/** The unit limit and unit price (micro-lamports) a landed transaction requested. */
export function computeBudgetOf(landed: VersionedTransactionResponse): {
  limit?: number;
  price?: number;
} {
  const message = landed.transaction.message;
  const keys = message.staticAccountKeys;
  const out: { limit?: number; price?: number } = {};
  for (const ix of message.compiledInstructions) {
    if (!keys[ix.programIdIndex].equals(ComputeBudgetProgram.programId)) continue;
    const data = Buffer.from(ix.data);
    // SetComputeUnitLimit = 2 (u32), SetComputeUnitPrice = 3 (u64).
    if (data[0] === 2) out.limit = data.readUInt32LE(1);
    if (data[0] === 3) out.price = Number(data.readBigUInt64LE(1));
  }
  return out;
}
