// SPL Token / Token-2022 setup through the real token programs in the runtime.
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";

import { TestContext } from "./context";

export async function createMint(
  ctx: TestContext,
  decimals: number,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
  mintAuthority: PublicKey = ctx.payer.publicKey,
): Promise<PublicKey> {
  const mint = Keypair.generate();
  const lamports = await ctx.provider.connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  const tx = new Transaction().add(
    SystemProgram.createAccount({
      fromPubkey: ctx.payer.publicKey,
      newAccountPubkey: mint.publicKey,
      lamports,
      space: MINT_SIZE,
      programId: tokenProgram,
    }),
    createInitializeMint2Instruction(mint.publicKey, decimals, mintAuthority, null, tokenProgram),
  );
  await ctx.provider.sendAndConfirm(tx, [mint]);
  return mint.publicKey;
}

/** The owner's associated token account, created if needed, with `amount` minted to it. */
export async function fundTokenAccount(
  ctx: TestContext,
  mint: PublicKey,
  owner: PublicKey,
  amount: bigint,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): Promise<PublicKey> {
  const ata = getAssociatedTokenAddressSync(mint, owner, true, tokenProgram);
  const tx = new Transaction().add(
    createAssociatedTokenAccountIdempotentInstruction(
      ctx.payer.publicKey,
      ata,
      owner,
      mint,
      tokenProgram,
    ),
  );
  if (amount > 0n) {
    tx.add(createMintToInstruction(mint, ata, ctx.payer.publicKey, amount, [], tokenProgram));
  }
  await ctx.provider.sendAndConfirm(tx);
  return ata;
}
