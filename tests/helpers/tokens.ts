// SPL Token / Token-2022 setup through the real token programs in the runtime.
import {
  AccountState,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeDefaultAccountStateInstruction,
  createInitializeMetadataPointerInstruction,
  createInitializeMint2Instruction,
  createInitializeMintCloseAuthorityInstruction,
  createInitializePermanentDelegateInstruction,
  createInitializeTransferFeeConfigInstruction,
  createInitializeTransferHookInstruction,
  createMintToInstruction,
  ExtensionType,
  getAssociatedTokenAddressSync,
  getMintLen,
  MINT_SIZE,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";

import { fundIxs, TestContext } from "./context";

export async function createMint(
  ctx: TestContext,
  decimals: number,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
  mintAuthority: PublicKey = ctx.payer.publicKey,
  withFreezeAuthority = false,
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
    createInitializeMint2Instruction(
      mint.publicKey,
      decimals,
      mintAuthority,
      withFreezeAuthority ? mintAuthority : null,
      tokenProgram,
    ),
  );
  await ctx.provider.sendAndConfirm(tx, [mint]);
  return mint.publicKey;
}

/**
 * A Token-2022 mint (9 decimals, no freeze authority) with the one extension
 * the protocol accepts: a metadata pointer (to the mint itself).
 */
export async function createMint2022WithMetadataPointer(ctx: TestContext): Promise<PublicKey> {
  const mint = Keypair.generate();
  const space = getMintLen([ExtensionType.MetadataPointer]);
  const lamports = await ctx.provider.connection.getMinimumBalanceForRentExemption(space);
  await ctx.provider.sendAndConfirm(
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: ctx.payer.publicKey,
        newAccountPubkey: mint.publicKey,
        lamports,
        space,
        programId: TOKEN_2022_PROGRAM_ID,
      }),
      createInitializeMetadataPointerInstruction(
        mint.publicKey,
        ctx.payer.publicKey,
        mint.publicKey,
        TOKEN_2022_PROGRAM_ID,
      ),
      createInitializeMint2Instruction(
        mint.publicKey,
        9,
        ctx.payer.publicKey,
        null,
        TOKEN_2022_PROGRAM_ID,
      ),
    ),
    [mint],
  );
  return mint.publicKey;
}

/**
 * Instructions that create the owner's associated token account (if needed)
 * and mint `amount` to it (the payer is the mint authority); returns them and
 * the account.
 */
export function fundTokenAccountIxs(
  ctx: TestContext,
  mint: PublicKey,
  owner: PublicKey,
  amount: bigint,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): { ata: PublicKey; ixs: TransactionInstruction[] } {
  const ata = getAssociatedTokenAddressSync(mint, owner, true, tokenProgram);
  const ixs = [
    createAssociatedTokenAccountIdempotentInstruction(
      ctx.payer.publicKey,
      ata,
      owner,
      mint,
      tokenProgram,
    ),
  ];
  if (amount > 0n) {
    ixs.push(createMintToInstruction(mint, ata, ctx.payer.publicKey, amount, [], tokenProgram));
  }
  return { ata, ixs };
}

/** The owner's associated token account, created if needed, with `amount` minted to it. */
export async function fundTokenAccount(
  ctx: TestContext,
  mint: PublicKey,
  owner: PublicKey,
  amount: bigint,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): Promise<PublicKey> {
  const { ata, ixs } = fundTokenAccountIxs(ctx, mint, owner, amount, tokenProgram);
  await ctx.provider.sendAndConfirm(new Transaction().add(...ixs));
  return ata;
}

/**
 * A new wallet holding `sol` SOL and `amount` of `mint` in its associated
 * token account: one transaction (the SOL transfer, the account, the mint);
 * on LiteSVM the SOL is an airdrop.
 */
export async function fundedWallet(
  ctx: TestContext,
  mint: PublicKey,
  amount: bigint,
  sol = 10,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): Promise<{ kp: Keypair; tokens: PublicKey }> {
  const kp = Keypair.generate();
  const { ata, ixs } = fundTokenAccountIxs(ctx, mint, kp.publicKey, amount, tokenProgram);
  await ctx.provider.sendAndConfirm(
    new Transaction().add(...fundIxs(ctx, kp.publicKey, sol), ...ixs),
  );
  return { kp, tokens: ata };
}

/** Token-2022 mint extensions the tests use to check the stake-mint allow-list. */
export type HostileExtension =
  | "transferFee"
  | "permanentDelegate"
  | "transferHook"
  | "defaultFrozen"
  | "mintCloseAuthority";

/** A Token-2022 mint (6 decimals) carrying one extension. */
export async function createMint2022WithExtension(
  ctx: TestContext,
  extension: HostileExtension,
): Promise<PublicKey> {
  const mint = Keypair.generate();
  const authority = ctx.payer.publicKey;
  const type = {
    transferFee: ExtensionType.TransferFeeConfig,
    permanentDelegate: ExtensionType.PermanentDelegate,
    transferHook: ExtensionType.TransferHook,
    defaultFrozen: ExtensionType.DefaultAccountState,
    mintCloseAuthority: ExtensionType.MintCloseAuthority,
  }[extension];
  const space = getMintLen([type]);
  const lamports = await ctx.provider.connection.getMinimumBalanceForRentExemption(space);
  const init = {
    transferFee: () =>
      createInitializeTransferFeeConfigInstruction(
        mint.publicKey,
        authority,
        authority,
        100,
        1_000_000n,
        TOKEN_2022_PROGRAM_ID,
      ),
    permanentDelegate: () =>
      createInitializePermanentDelegateInstruction(
        mint.publicKey,
        authority,
        TOKEN_2022_PROGRAM_ID,
      ),
    transferHook: () =>
      createInitializeTransferHookInstruction(
        mint.publicKey,
        authority,
        Keypair.generate().publicKey,
        TOKEN_2022_PROGRAM_ID,
      ),
    defaultFrozen: () =>
      createInitializeDefaultAccountStateInstruction(
        mint.publicKey,
        AccountState.Frozen,
        TOKEN_2022_PROGRAM_ID,
      ),
    mintCloseAuthority: () =>
      createInitializeMintCloseAuthorityInstruction(
        mint.publicKey,
        authority,
        TOKEN_2022_PROGRAM_ID,
      ),
  }[extension]();
  const tx = new Transaction().add(
    SystemProgram.createAccount({
      fromPubkey: ctx.payer.publicKey,
      newAccountPubkey: mint.publicKey,
      lamports,
      space,
      programId: TOKEN_2022_PROGRAM_ID,
    }),
    init,
    createInitializeMint2Instruction(
      mint.publicKey,
      6,
      authority,
      authority,
      TOKEN_2022_PROGRAM_ID,
    ),
  );
  await ctx.provider.sendAndConfirm(tx, [mint]);
  return mint.publicKey;
}

/** Base-unit balance of a token account. */
export async function balance(ctx: TestContext, account: PublicKey): Promise<bigint> {
  const info = await ctx.connection.getAccountInfo(account, "confirmed");
  if (!info) return 0n;
  return info.data.readBigUInt64LE(64);
}
