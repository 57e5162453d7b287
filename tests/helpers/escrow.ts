// rental_escrow fixtures: the escrow config (created if this chain has none),
// Pyth-format price accounts written by the test-only test_oracle program,
// and rentals.
import { BN } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";

import { TestContext } from "./context";
import {
  encodePriceUpdateV2,
  encodePythLegacyPrice,
  PRICE_UPDATE_V2_LEN,
  PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
  PythPriceFixture,
} from "./pyth";
import { bn, chainTime, configUpdate, NodeHandle, Protocol } from "./staking";
import { fundTokenAccount } from "./tokens";

export const ESCROW_TEST_PARAMS = {
  maxPriceAgeSeconds: 60,
  maxConfidenceBps: 200,
  reservationFeeBps: 25,
  disputeWindowSeconds: 10,
};

function seed(ctx: TestContext, name: string): Buffer {
  const c = ctx.rentalEscrow.idl.constants.find((k) => k.name === name);
  if (!c) throw new Error(`constant ${name} missing from the rental_escrow IDL`);
  return Buffer.from(JSON.parse(c.value) as number[]);
}

export const escrowPda = {
  config: (ctx: TestContext) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "escrowConfigSeed")],
      ctx.rentalEscrow.programId,
    )[0],
  rentalAuthority: (ctx: TestContext) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "rentalAuthoritySeed")],
      ctx.rentalEscrow.programId,
    )[0],
  rental: (ctx: TestContext, renter: PublicKey, id: bigint) => {
    const le = Buffer.alloc(8);
    le.writeBigUInt64LE(id);
    return PublicKey.findProgramAddressSync(
      [seed(ctx, "rentalSeed"), renter.toBuffer(), le],
      ctx.rentalEscrow.programId,
    )[0];
  },
  vault: (ctx: TestContext, rental: PublicKey) =>
    PublicKey.findProgramAddressSync(
      [seed(ctx, "rentalVaultSeed"), rental.toBuffer()],
      ctx.rentalEscrow.programId,
    )[0],
};

/** A price account owned by test_oracle, sized for the legacy or pull layout. */
export async function createPriceAccount(
  ctx: TestContext,
  kind: "legacy" | "pull" = "legacy",
): Promise<PublicKey> {
  const account = Keypair.generate();
  const space = kind === "legacy" ? PYTH_LEGACY_PRICE_ACCOUNT_SIZE : PRICE_UPDATE_V2_LEN;
  await ctx.provider.sendAndConfirm(
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: ctx.payer.publicKey,
        newAccountPubkey: account.publicKey,
        lamports: await ctx.connection.getMinimumBalanceForRentExemption(space),
        space,
        programId: ctx.testOracle.programId,
      }),
    ),
    [account],
  );
  return account.publicKey;
}

/** Writes a legacy price (first 240 bytes carry every field the readers use). */
export async function setLegacyPrice(
  ctx: TestContext,
  account: PublicKey,
  f: PythPriceFixture,
): Promise<void> {
  const bytes = encodePythLegacyPrice(f).subarray(0, 240);
  await ctx.testOracle.methods
    .write(0, Buffer.from(bytes))
    .accountsPartial({ authority: ctx.payer.publicKey, price: account })
    .rpc();
}

export async function setPullPrice(
  ctx: TestContext,
  account: PublicKey,
  f: PythPriceFixture & { feedId: Buffer; verification?: "full" | "partial" },
): Promise<void> {
  await ctx.testOracle.methods
    .write(0, Buffer.from(encodePriceUpdateV2(f)))
    .accountsPartial({ authority: ctx.payer.publicKey, price: account })
    .rpc();
}

export interface Escrow {
  p: Protocol;
  config: PublicKey;
  treasury: PublicKey;
  priceAccount: PublicKey;
  rentalAuthority: PublicKey;
}

/** A fresh legacy price: $1.25 per token (expo −8), conf 0.1 %, published now. */
export async function freshPrice(ctx: TestContext): Promise<PythPriceFixture> {
  return {
    price: 125_000_000n,
    conf: 125_000n,
    expo: -8,
    publishTime: BigInt(await chainTime(ctx)),
  };
}

/**
 * The escrow on this chain (initialised if missing, else reset to the test
 * settings), pointed at a new legacy price account, with node_staking's
 * rental authority set to the escrow's PDA.
 */
export async function ensureEscrow(p: Protocol): Promise<Escrow> {
  const { ctx } = p;
  const config = escrowPda.config(ctx);
  const priceAccount = await createPriceAccount(ctx, "legacy");
  await setLegacyPrice(ctx, priceAccount, await freshPrice(ctx));
  const existing = await ctx.rentalEscrow.account.escrowConfig.fetchNullable(config);
  const oracle = {
    kind: { pythLegacy: {} },
    program: ctx.testOracle.programId,
    account: priceAccount,
    feedId: new Array(32).fill(0),
  };
  let treasury: PublicKey;
  if (!existing) {
    treasury = await fundTokenAccount(ctx, p.stakeMint, ctx.payer.publicKey, 0n);
    await ctx.rentalEscrow.methods
      .initialize({
        nodeStakingProgram: ctx.nodeStaking.programId,
        oracleKind: oracle.kind as never,
        oracleProgram: oracle.program,
        oracleAccount: oracle.account,
        feedId: oracle.feedId,
        disputeAuthority: ctx.payer.publicKey,
        maxPriceAgeSeconds: ESCROW_TEST_PARAMS.maxPriceAgeSeconds,
        maxConfidenceBps: ESCROW_TEST_PARAMS.maxConfidenceBps,
        reservationFeeBps: ESCROW_TEST_PARAMS.reservationFeeBps,
        disputeWindowSeconds: ESCROW_TEST_PARAMS.disputeWindowSeconds,
      })
      .accountsPartial({
        admin: ctx.payer.publicKey,
        paymentMint: p.stakeMint,
        treasury,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
  } else {
    treasury = existing.treasury;
    await ctx.rentalEscrow.methods
      .updateConfig({
        maxPriceAgeSeconds: ESCROW_TEST_PARAMS.maxPriceAgeSeconds,
        maxConfidenceBps: ESCROW_TEST_PARAMS.maxConfidenceBps,
        reservationFeeBps: ESCROW_TEST_PARAMS.reservationFeeBps,
        disputeWindowSeconds: ESCROW_TEST_PARAMS.disputeWindowSeconds,
        disputeAuthority: ctx.payer.publicKey,
        oracle: oracle as never,
      })
      .accountsPartial({ admin: ctx.payer.publicKey, newTreasury: null })
      .rpc();
    if (existing.paused) {
      await ctx.rentalEscrow.methods
        .setPaused(false)
        .accountsPartial({ admin: ctx.payer.publicKey })
        .rpc();
    }
  }
  const rentalAuthority = escrowPda.rentalAuthority(ctx);
  await ctx.nodeStaking.methods
    .updateConfig(configUpdate({ rentalAuthority }))
    .accountsPartial({ admin: ctx.payer.publicKey, newTreasury: null })
    .rpc();
  return { p, config, treasury, priceAccount, rentalAuthority };
}

let nextRentalId = BigInt(Math.floor(Math.random() * 2 ** 40));

export interface RentalArgs {
  durationSeconds: number;
  qosAddonIds?: number[];
  maxTokens?: bigint;
  clusterId?: bigint;
  rentalId?: bigint;
  priceAccount?: PublicKey;
}

/** create_rental for `renter` on `n`; returns the builder and the rental's addresses. */
export function createRentalIx(
  e: Escrow,
  n: NodeHandle,
  renter: { kp: Keypair; tokens: PublicKey },
  args: RentalArgs,
) {
  const { ctx } = e.p;
  const rentalId = args.rentalId ?? nextRentalId++;
  const rental = escrowPda.rental(ctx, renter.kp.publicKey, rentalId);
  const vault = escrowPda.vault(ctx, rental);
  const builder = ctx.rentalEscrow.methods
    .createRental({
      rentalId: bn(rentalId),
      durationSeconds: bn(BigInt(args.durationSeconds)),
      qosAddonIds: Buffer.from(args.qosAddonIds ?? []),
      maxTokens: bn(args.maxTokens ?? 2n ** 64n - 1n),
      clusterId: bn(args.clusterId ?? 0n),
    })
    .accountsPartial({
      renter: renter.kp.publicKey,
      rental,
      vault,
      renterTokens: renter.tokens,
      treasury: e.treasury,
      paymentMint: e.p.stakeMint,
      node: n.node,
      priceAccount: args.priceAccount ?? e.priceAccount,
      stakingConfig: e.p.config,
      rentalAuthority: e.rentalAuthority,
      nodeStakingProgram: ctx.nodeStaking.programId,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([renter.kp]);
  return { builder, rental, vault, rentalId };
}

/** Independent BigInt model of the on-chain conversion (see programs/rental-escrow/src/pricing.rs). */
export function quoteTokens(
  durationSeconds: bigint,
  rateMicroUsdPerHour: bigint,
  price: bigint,
  conf: bigint,
  expo: number,
  decimals: number,
): bigint {
  const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
  const cost = ceilDiv(durationSeconds * rateMicroUsdPerHour, 3600n);
  const p = price - conf;
  // tokens = cost × 10^decimals / (10^6 × p × 10^expo), rounded up
  let num = cost * 10n ** BigInt(decimals);
  let den = 1_000_000n * p;
  if (expo < 0) num *= 10n ** BigInt(-expo);
  else den *= 10n ** BigInt(expo);
  return ceilDiv(num, den);
}

export { BN };
