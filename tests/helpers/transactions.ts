// Reading a landed transaction: its compute-budget instructions. Building an
// instruction the programs must refuse: Anchor's legacy IDL instruction.
import {
  ComputeBudgetProgram,
  PublicKey,
  SystemProgram,
  TransactionInstruction,
  VersionedTransactionResponse,
} from "@solana/web3.js";

/**
 * Anchor's legacy on-chain IDL instruction `Create { data_len }`: the tag
 * 0x0a69e9a778bcf440 (the first 8 bytes of sha256("anchor:idl") read as a
 * big-endian u64) written little-endian, the variant, its u64; with the
 * accounts a program built with those instructions expects (payer, the IDL
 * account `createWithSeed(base, "anchor:idl", program)` where base is the
 * program's PDA of no seeds, base, System program, program). Our programs
 * are built with `no-idl`, so they answer IdlInstructionStub.
 */
export async function legacyIdlCreateInstruction(
  programId: PublicKey,
  payer: PublicKey,
): Promise<TransactionInstruction> {
  const data = Buffer.alloc(8 + 1 + 8);
  data.writeBigUInt64LE(0x0a69e9a778bcf440n, 0);
  data.writeUInt8(0, 8); // IdlInstruction::Create
  data.writeBigUInt64LE(1024n, 9);
  const [base] = PublicKey.findProgramAddressSync([], programId);
  const idl = await PublicKey.createWithSeed(base, "anchor:idl", programId);
  return new TransactionInstruction({
    programId,
    keys: [
      { pubkey: payer, isSigner: true, isWritable: true },
      { pubkey: idl, isSigner: false, isWritable: true },
      { pubkey: base, isSigner: false, isWritable: false },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: programId, isSigner: false, isWritable: false },
    ],
    data,
  });
}

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
