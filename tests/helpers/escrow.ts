// rental_escrow fixtures: the escrow config (created if this chain has none),
// Pyth-format price accounts written through the Pyth stand-in fixture
// program (loaded at the real Pyth addresses), and rentals.
import { BN } from "@coral-xyz/anchor";
import { createTransferCheckedInstruction, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  Keypair,
  PublicKey,
  SystemProgram,
  SYSVAR_INSTRUCTIONS_PUBKEY,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";
import { expect } from "chai";

import { firstCheapId } from "../../app/src/pdas";
import { lastTransaction, PYTH, TestContext } from "./context";
import {
  encodePriceUpdateV2,
  encodePythLegacyPrice,
  PRICE_UPDATE_V2_LEN,
  PYTH_LEGACY_PRICE_ACCOUNT_SIZE,
  PythPriceFixture,
} from "./pyth";
import {
  big,
  bn,
  chainSlot,
  chainTime,
  configUpdate,
  DECIMALS,
  Holder,
  NodeHandle,
  pda,
  Protocol,
  secs,
} from "./staking";
import { balance, fundTokenAccount } from "./tokens";

/**
 * The escrow settings the suites run with. The time settings depend on the
 * backend (see `secs`): LiteSVM keeps a 60-s minimum rental, a 10-s dispute
 * window and a 20-s timeout (its clock is set to the exact second, and the
 * boundary tests count on these); a validator's tests wait them out in real
 * time, so there they are a few seconds.
 */
export const ESCROW_TEST_PARAMS = {
  maxPriceAgeSeconds: 60,
  maxPriceAgeSlots: 5_000,
  maxConfidenceBps: 200,
  maxEmaDivergenceBps: 500,
  reservationFeeBps: 25,
  claimHoldbackBps: 1_000,
  disputeWindowSeconds: secs(10, 3),
  disputeTimeoutSeconds: secs(20, 4),
  minRentalSeconds: secs(60, 2),
  maxTotalRentalSeconds: 90 * 24 * 3600,
};

/**
 * Rental lengths, in seconds, by what a test does with them (LiteSVM /
 * validator). A rental the test does not wait out keeps a long literal
 * length (600 s, 1 000 s) on both backends: it costs no time.
 */
export const RENTAL = {
  /** The minimum rental (60 s / 2 s). */
  MIN: ESCROW_TEST_PARAMS.minRentalSeconds,
  /** A rental the test waits out to its end: the minimum (60 s / 2 s). */
  ENDS: ESCROW_TEST_PARAMS.minRentalSeconds,
};
/** A moment into a rental to claim, cancel or dispute at: 10 s / 1 s after its start. */
export const INTO = secs(10, 1);

/** update_config arguments of the escrow: every field null (unchanged) except those given. */
export function escrowConfigUpdate(changes: Record<string, unknown>) {
  return {
    maxPriceAgeSeconds: null,
    maxPriceAgeSlots: null,
    maxConfidenceBps: null,
    maxEmaDivergenceBps: null,
    reservationFeeBps: null,
    claimHoldbackBps: null,
    disputeWindowSeconds: null,
    disputeTimeoutSeconds: null,
    minRentalSeconds: null,
    maxTotalRentalSeconds: null,
    disputeAuthority: null,
    oracle: null,
    ...changes,
  } as never;
}

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
  /**
   * The first id >= `from` whose rental and vault have bump 255, as the
   * SDK's `cheapRentalId` picks them, so create_rental's CU in `make bench`
   * is the SDK's (one bump try per address).
   */
  cheapRentalId: (ctx: TestContext, renter: PublicKey, from: bigint): bigint =>
    firstCheapId(
      ctx.rentalEscrow.programId,
      from,
      (id) => {
        const le = Buffer.alloc(8);
        le.writeBigUInt64LE(id);
        return [seed(ctx, "rentalSeed"), renter.toBuffer(), le];
      },
      seed(ctx, "rentalVaultSeed"),
    ),
};

/** The (stand-in) Pyth program that owns price accounts of each kind. */
export const oracleOwner = (kind: "legacy" | "pull"): PublicKey =>
  kind === "legacy" ? PYTH.legacyMainnet : PYTH.receiver;

/**
 * A price account owned by the Pyth stand-in at the legacy oracle's or the
 * receiver's address, sized for the legacy or pull layout.
 */
export async function createPriceAccount(
  ctx: TestContext,
  kind: "legacy" | "pull" = "legacy",
  owner: PublicKey = oracleOwner(kind),
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
        programId: owner,
      }),
    ),
    [account],
  );
  return account.publicKey;
}

/** The fixture's one instruction: write `bytes` at `offset` of an account the program owns. */
export function fixtureWriteIx(
  owner: PublicKey,
  account: PublicKey,
  offset: number,
  bytes: Buffer,
): TransactionInstruction {
  const data = Buffer.alloc(4 + bytes.length);
  data.writeUInt32LE(offset, 0);
  bytes.copy(data, 4);
  return new TransactionInstruction({
    programId: owner,
    keys: [{ pubkey: account, isSigner: false, isWritable: true }],
    data,
  });
}

async function writeFixture(ctx: TestContext, account: PublicKey, bytes: Buffer): Promise<void> {
  const info = await ctx.connection.getAccountInfo(account, "confirmed");
  if (!info) throw new Error(`price account ${account.toBase58()} does not exist`);
  await ctx.provider.sendAndConfirm(
    new Transaction().add(fixtureWriteIx(info.owner, account, 0, bytes)),
  );
}

/**
 * Writes a legacy price (the first 240 bytes carry every field the readers
 * use); the aggregate's publish slot defaults to the chain's current slot.
 */
export async function setLegacyPrice(
  ctx: TestContext,
  account: PublicKey,
  f: PythPriceFixture & { publishSlot?: bigint; emaPrice?: bigint },
): Promise<void> {
  const publishSlot = f.publishSlot ?? BigInt(await chainSlot(ctx));
  const bytes = encodePythLegacyPrice({ ...f, publishSlot }).subarray(0, 240);
  await writeFixture(ctx, account, Buffer.from(bytes));
}

export async function setPullPrice(
  ctx: TestContext,
  account: PublicKey,
  f: PythPriceFixture & { feedId: Buffer; verification?: "full" | "partial"; emaPrice?: bigint },
): Promise<void> {
  await writeFixture(ctx, account, Buffer.from(encodePriceUpdateV2(f)));
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
    program: oracleOwner("legacy"),
    account: priceAccount,
    feedId: new Array(32).fill(0),
  };
  let treasury: PublicKey;
  if (!existing) {
    treasury = await fundTokenAccount(ctx, p.stakeMint, ctx.payer.publicKey, 0n);
    await ctx.rentalEscrow.methods
      .initialize({
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
        stakingConfig: p.config,
        paymentMint: p.stakeMint,
        treasury,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();
  } else {
    treasury = existing.treasury;
  }
  {
    await ctx.rentalEscrow.methods
      .updateConfig(
        escrowConfigUpdate({
          ...ESCROW_TEST_PARAMS,
          disputeAuthority: ctx.payer.publicKey,
          oracle,
        }),
      )
      .accountsPartial({ admin: ctx.payer.publicKey, newTreasury: null })
      .rpc();
    if (existing?.paused) {
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
  let rentalId = args.rentalId;
  if (rentalId === undefined) {
    rentalId = escrowPda.cheapRentalId(ctx, renter.kp.publicKey, nextRentalId);
    nextRentalId = rentalId + 1n;
  }
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
      config: e.config,
      rental,
      vault,
      renterTokens: renter.tokens,
      paymentMint: e.p.stakeMint,
      node: n.node,
      priceAccount: args.priceAccount ?? e.priceAccount,
      stakingConfig: e.p.config,
      stakingSpecTier: n.tier,
      rentalAuthority: e.rentalAuthority,
      nodeStakingProgram: ctx.nodeStaking.programId,
      instructions: args.clusterId ? SYSVAR_INSTRUCTIONS_PUBKEY : null,
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

// ---- rentals as handles, the instruction builders, events ----------------

/** A rental and the parties and accounts every rental instruction takes. */
export interface RentalRef {
  n: NodeHandle;
  renter: Holder;
  rental: PublicKey;
  vault: PublicKey;
  rentalId: bigint;
}

/** Creates a rental (the price account must hold a usable price) and returns its handle. */
export async function rent(
  e: Escrow,
  n: NodeHandle,
  renter: Holder,
  args: RentalArgs,
): Promise<RentalRef> {
  const { builder, rental, vault, rentalId } = createRentalIx(e, n, renter, args);
  await builder.rpc();
  return { n, renter, rental, vault, rentalId };
}

/** The rental account (fetched). */
export const fetchRental = (e: Escrow, ref: { rental: PublicKey }) =>
  e.p.ctx.rentalEscrow.account.rental.fetch(ref.rental);

/** claim, signed by the node's operator (or `provider`). */
export function claimIx(e: Escrow, ref: RentalRef, provider: Keypair = ref.n.operator) {
  return e.p.ctx.rentalEscrow.methods
    .claim()
    .accountsPartial({
      provider: provider.publicKey,
      rental: ref.rental,
      vault: ref.vault,
      providerTokens: ref.n.operatorTokens,
      paymentMint: e.p.stakeMint,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([provider]);
}

/** cancel_rental, signed by the renter (or `signer`). */
export function cancelIx(e: Escrow, ref: RentalRef, signer: Keypair = ref.renter.kp) {
  return e.p.ctx.rentalEscrow.methods
    .cancelRental()
    .accountsPartial({
      renter: signer.publicKey,
      config: e.config,
      rental: ref.rental,
      vault: ref.vault,
      renterTokens: ref.renter.tokens,
      paymentMint: e.p.stakeMint,
      node: ref.n.node,
      stakingConfig: e.p.config,
      rentalAuthority: e.rentalAuthority,
      nodeStakingProgram: e.p.ctx.nodeStaking.programId,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([signer]);
}

/** close_rental by `closer` (default: the renter). */
export function closeIx(e: Escrow, ref: RentalRef, closer: Keypair = ref.renter.kp) {
  return e.p.ctx.rentalEscrow.methods
    .closeRental()
    .accountsPartial({
      closer: closer.publicKey,
      config: e.config,
      rental: ref.rental,
      renter: ref.renter.kp.publicKey,
      vault: ref.vault,
      providerTokens: ref.n.operatorTokens,
      renterTokens: ref.renter.tokens,
      treasury: e.treasury,
      paymentMint: e.p.stakeMint,
      node: ref.n.node,
      stakingConfig: e.p.config,
      rentalAuthority: e.rentalAuthority,
      nodeStakingProgram: e.p.ctx.nodeStaking.programId,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([closer]);
}

export interface ExtendArgs {
  extraSeconds: number;
  /** Default: no limit. */
  maxTokens?: bigint;
  /** Default: the escrow's price account. */
  priceAccount?: PublicKey;
}

/** extend_rental on the rental's node (and its tier), signed by the renter (or `signer`). */
export function extendIx(
  e: Escrow,
  ref: RentalRef,
  args: ExtendArgs,
  signer: Keypair = ref.renter.kp,
) {
  return e.p.ctx.rentalEscrow.methods
    .extendRental({
      extraSeconds: bn(BigInt(args.extraSeconds)),
      maxTokens: bn(args.maxTokens ?? 2n ** 64n - 1n),
    })
    .accountsPartial({
      renter: signer.publicKey,
      config: e.config,
      rental: ref.rental,
      vault: ref.vault,
      renterTokens: ref.renter.tokens,
      paymentMint: e.p.stakeMint,
      node: ref.n.node,
      stakingConfig: e.p.config,
      stakingSpecTier: ref.n.tier,
      priceAccount: args.priceAccount ?? e.priceAccount,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .signers([signer]);
}

/** open_dispute, signed by the renter (or `signer`). */
export function openDisputeIx(e: Escrow, ref: RentalRef, signer: Keypair = ref.renter.kp) {
  return e.p.ctx.rentalEscrow.methods
    .openDispute()
    .accountsPartial({ renter: signer.publicKey, rental: ref.rental })
    .signers([signer]);
}

export interface ResolveArgs {
  refundBps: number;
  payAfterDispute?: boolean;
  slash?: {
    evidence: Buffer;
    fractionBps: number;
    renterShareBps: number;
    reason?: "dataLeak" | "qosFailure" | "other";
    /** Leave out the node_staking accounts a slash needs. */
    omitAccounts?: boolean;
  };
}

/** resolve_dispute by the dispute authority (the payer in tests, or `authority`). */
export function resolveIx(e: Escrow, ref: RentalRef, args: ResolveArgs, authority?: Keypair) {
  const { ctx } = e.p;
  const s = args.slash;
  const withSlashAccounts = s !== undefined && !s.omitAccounts;
  const b = ctx.rentalEscrow.methods
    .resolveDispute({
      refundBps: args.refundBps,
      payAfterDispute: args.payAfterDispute ?? false,
      slash: s
        ? {
            evidenceHash: Array.from(s.evidence),
            reason: { [s.reason ?? "qosFailure"]: {} } as never,
            fractionBps: s.fractionBps,
            renterShareBps: s.renterShareBps,
          }
        : null,
    })
    .accountsPartial({
      disputeAuthority: (authority ?? ctx.payer).publicKey,
      config: e.config,
      rental: ref.rental,
      vault: ref.vault,
      providerTokens: ref.n.operatorTokens,
      renterTokens: ref.renter.tokens,
      treasury: e.treasury,
      paymentMint: e.p.stakeMint,
      node: ref.n.node,
      stakingConfig: e.p.config,
      rentalAuthority: e.rentalAuthority,
      stakingSpecTier: withSlashAccounts ? ref.n.tier : null,
      slashRecord: withSlashAccounts ? pda.slash(ctx, ref.n.node, s.evidence) : null,
      nodeVault: withSlashAccounts ? ref.n.vault : null,
      stakingTreasury: withSlashAccounts ? e.p.treasury : null,
      nodeStakingProgram: ctx.nodeStaking.programId,
      tokenProgram: TOKEN_PROGRAM_ID,
    });
  return authority ? b.signers([authority]) : b;
}

/** update_config by the admin (the payer). */
export function escrowUpdateIx(e: Escrow, changes: Record<string, unknown>) {
  return e.p.ctx.rentalEscrow.methods
    .updateConfig(escrowConfigUpdate(changes))
    .accountsPartial({ admin: e.p.ctx.payer.publicKey, config: e.config, newTreasury: null });
}

/** set_paused on the escrow by the admin (the payer). */
export function escrowPauseIx(e: Escrow, paused: boolean) {
  return e.p.ctx.rentalEscrow.methods
    .setPaused(paused)
    .accountsPartial({ admin: e.p.ctx.payer.publicKey, config: e.config });
}

/** A plain SPL transfer of `amount` from `from` (owned by `owner`) into `to`: a donation. */
export async function donate(
  e: Escrow,
  from: Holder,
  to: PublicKey,
  amount: bigint,
): Promise<void> {
  await e.p.ctx.provider.sendAndConfirm(
    new Transaction().add(
      createTransferCheckedInstruction(
        from.tokens,
        e.p.stakeMint,
        to,
        from.kp.publicKey,
        amount,
        DECIMALS,
      ),
    ),
    [from.kp],
  );
}

/** rental_escrow events emitted by the last transaction (name in camelCase, data). */
export async function lastEscrowEvents(
  ctx: TestContext,
): Promise<{ name: string; data: Record<string, unknown> }[]> {
  const { logs } = await lastTransaction(ctx);
  const out: { name: string; data: Record<string, unknown> }[] = [];
  for (const line of logs) {
    if (!line.startsWith("Program data: ")) continue;
    const ev = ctx.rentalEscrow.coder.events.decode(line.slice("Program data: ".length));
    if (ev) out.push({ name: ev.name, data: ev.data as Record<string, unknown> });
  }
  return out;
}

/** The one event named `name` of the last transaction. */
export async function lastEscrowEvent(
  ctx: TestContext,
  name: string,
): Promise<Record<string, unknown>> {
  const events = (await lastEscrowEvents(ctx)).filter((ev) => ev.name === name);
  expect(events.length, `one ${name} event`).to.equal(1);
  return events[0].data;
}

/** The node's `active_rentals` counter in node_staking. */
export async function activeRentals(e: Escrow, n: NodeHandle): Promise<number> {
  return (await e.p.ctx.nodeStaking.account.node.fetch(n.node)).activeRentals;
}

// ---- the money model -------------------------------------------------------
//
// An independent BigInt model of a rental's accounting, written from the
// documented rules (programs/rental-escrow/src/state/rental.rs and the
// README): the renter pays up (cost and renter fee rounded up), every payout
// rounds down; each purchased period accrues its tokens and its fee
// linearly over its own time, each rounded down; claims leave the holdback
// in escrow; the treasury earns renter fees as service is delivered.

export const BPS = 10_000n;
export const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** The renter's fee on `tokens` escrowed: rounded up. */
export const renterFeeOf = (tokens: bigint, feeBps: bigint | number): bigint =>
  ceilDiv(tokens * BigInt(feeBps), BPS);

/** A payout of `amount` to the provider side: the provider gets the floor, the fee the rest. */
export function splitFee(amount: bigint, feeBps: bigint | number): { payout: bigint; fee: bigint } {
  const payout = (amount * (BPS - BigInt(feeBps))) / BPS;
  return { payout, fee: amount - payout };
}

/** Where tokens go in one instruction. */
export interface Flows {
  /** To the provider's wallet. */
  payout: bigint;
  /** To the treasury (provider fee + renter fees earned). */
  toTreasury: bigint;
  /** Back to the renter. */
  toRenter: bigint;
}

export interface PeriodModel {
  endTs: bigint;
  tokens: bigint;
  fee: bigint;
}

export type RentalStatusName = "active" | "disputed" | "cancelled" | "resolved";

/** The money rules a rental copies from the config when it is created. */
export interface MoneyRules {
  feeBps: bigint;
  holdbackBps: bigint;
}

export const TEST_RULES: MoneyRules = {
  feeBps: BigInt(ESCROW_TEST_PARAMS.reservationFeeBps),
  holdbackBps: BigInt(ESCROW_TEST_PARAMS.claimHoldbackBps),
};

export class RentalModel {
  periods: PeriodModel[] = [];
  endTs: bigint;
  deposited = 0n;
  renterFees = 0n;
  claimed = 0n;
  feesCollected = 0n;
  /** Provider-side fees of claims, kept in the vault until the final settlement. */
  feesHeld = 0n;
  refunded = 0n;
  feesRefunded = 0n;
  status: RentalStatusName = "active";
  disputedAt = 0n;

  constructor(
    readonly startTs: bigint,
    readonly rules: MoneyRules = TEST_RULES,
  ) {
    this.endTs = startTs;
  }

  /** A rental created at `startTs` for `seconds`, escrowing `tokens` (+ the renter fee). */
  static create(
    startTs: bigint | number,
    seconds: bigint | number,
    tokens: bigint,
    rules: MoneyRules = TEST_RULES,
  ): RentalModel {
    const m = new RentalModel(BigInt(startTs), rules);
    m.buy(BigInt(seconds), tokens);
    return m;
  }

  /** Buys `seconds` more after the current end for `tokens`; returns the period (fee included). */
  buy(seconds: bigint | number, tokens: bigint): PeriodModel {
    const p = {
      endTs: this.endTs + BigInt(seconds),
      tokens,
      fee: renterFeeOf(tokens, this.rules.feeBps),
    };
    this.periods.push(p);
    this.endTs = p.endTs;
    this.deposited += p.tokens;
    this.renterFees += p.fee;
    return p;
  }

  /** Tokens and fees accrued by service up to `t` (each period rounded down). */
  accrualAt(t: bigint): { tokens: bigint; fees: bigint } {
    let tokens = 0n;
    let fees = 0n;
    let start = this.startTs;
    for (const p of this.periods) {
      const len = p.endTs - start;
      const elapsed = min(max(t, start), p.endTs) - start;
      tokens += (p.tokens * elapsed) / len;
      fees += (p.fee * elapsed) / len;
      start = p.endTs;
    }
    return { tokens, fees };
  }

  /** Service counts until now, the end, and (while disputed) the dispute. */
  servedUntil(now: bigint): bigint {
    let t = min(now, this.endTs);
    if (this.status === "disputed") t = min(t, this.disputedAt);
    return t;
  }

  accrued(now: bigint | number) {
    return this.accrualAt(this.servedUntil(BigInt(now)));
  }

  /** The most the provider side may have claimed by `now` (accrued minus the holdback). */
  claimableTotal(now: bigint | number): bigint {
    return (this.accrued(now).tokens * (BPS - this.rules.holdbackBps)) / BPS;
  }

  /** What the vault must hold by the accounting. */
  held(): bigint {
    return (
      this.deposited +
      this.renterFees +
      this.feesHeld -
      this.claimed -
      this.feesCollected -
      this.refunded -
      this.feesRefunded
    );
  }

  /** claim at `now`; throws "NothingToClaim" like the program. */
  claim(now: bigint | number): Flows {
    if (this.status === "disputed") throw new Error("RentalDisputed");
    const claimable = this.claimableTotal(now);
    const amount = claimable > this.claimed ? claimable - this.claimed : 0n;
    if (amount === 0n) throw new Error("NothingToClaim");
    const { payout, fee } = splitFee(amount, this.rules.feeBps);
    this.claimed = claimable;
    // The fee stays in the vault; the final settlement pays the treasury.
    this.feesHeld += fee;
    return { payout, toTreasury: 0n, toRenter: 0n };
  }

  /** cancel_rental at `now`: unserved tokens and their fees back to the renter. */
  cancel(now: bigint | number): Flows {
    const acc = this.accrued(now);
    this.refunded = this.deposited - acc.tokens;
    this.feesRefunded = this.renterFees - acc.fees;
    this.endTs = max(BigInt(now), this.startTs);
    this.status = "cancelled";
    return { payout: 0n, toTreasury: 0n, toRenter: this.refunded + this.feesRefunded };
  }

  openDispute(now: bigint | number): void {
    this.status = "disputed";
    this.disputedAt = BigInt(now);
  }

  /** Settles for good: service paid until `settleAt`, `refundBps` of the accrued tokens back. */
  settleFinal(settleAt: bigint, refundBps: bigint | number): Flows {
    const at = min(max(settleAt, this.startTs), this.endTs);
    const acc = this.accrualAt(at);
    const unclaimed = acc.tokens - this.claimed;
    const refundOfAccrued = min((acc.tokens * BigInt(refundBps)) / BPS, unclaimed);
    const providerTotal = acc.tokens - refundOfAccrued;
    const { payout, fee } = splitFee(providerTotal - this.claimed, this.rules.feeBps);
    const feesNow = acc.fees - this.feesCollected;
    const tokensBack = this.deposited - providerTotal - this.refunded;
    const feesBack = this.renterFees - acc.fees - this.feesRefunded;
    this.endTs = at;
    this.claimed = providerTotal;
    this.feesCollected = acc.fees;
    this.refunded = this.deposited - providerTotal;
    this.feesRefunded = this.renterFees - acc.fees;
    const held = this.feesHeld;
    this.feesHeld = 0n;
    return { payout, toTreasury: fee + feesNow + held, toRenter: tokensBack + feesBack };
  }

  /** resolve_dispute at `now`. */
  resolve(now: bigint | number, refundBps: bigint | number, payAfterDispute = false): Flows {
    const flows = this.settleFinal(payAfterDispute ? BigInt(now) : this.disputedAt, refundBps);
    this.status = "resolved";
    return flows;
  }

  /**
   * close_rental: settles what is left (an expired dispute with the default
   * outcome); the vault's extra (`vaultBalance` beyond the accounting) goes
   * to the renter as the surplus.
   */
  close(vaultBalance: bigint): Flows & { surplus: bigint; expired: boolean } {
    const expired = this.status === "disputed";
    let flows: Flows = { payout: 0n, toTreasury: 0n, toRenter: 0n };
    if (this.status !== "resolved") {
      flows = this.settleFinal(expired ? this.disputedAt : this.endTs, 0n);
    }
    if (expired) this.status = "resolved";
    const surplus = vaultBalance - flows.payout - flows.toTreasury - flows.toRenter;
    return { ...flows, surplus, expired };
  }
}

type RentalAccount = Awaited<ReturnType<typeof fetchRental>>;

/** The rental account holds exactly what the model says. */
export function expectRentalMatches(r: RentalAccount, m: RentalModel): void {
  expect(big(r.startTs), "start_ts").to.equal(m.startTs);
  expect(big(r.endTs), "end_ts").to.equal(m.endTs);
  expect(r.periodCount, "period_count").to.equal(m.periods.length);
  const periods = r.periods.slice(0, r.periodCount).map((p) => ({
    endTs: big(p.endTs),
    tokens: big(p.tokens),
    fee: big(p.fee),
  }));
  expect(periods, "periods").to.deep.equal(m.periods);
  expect(big(r.deposited), "deposited").to.equal(m.deposited);
  expect(big(r.renterFees), "renter_fees").to.equal(m.renterFees);
  expect(big(r.claimed), "claimed").to.equal(m.claimed);
  expect(big(r.feesCollected), "fees_collected").to.equal(m.feesCollected);
  expect(big(r.refunded), "refunded").to.equal(m.refunded);
  expect(big(r.feesRefunded), "fees_refunded").to.equal(m.feesRefunded);
  expect(big(r.feesHeld), "fees_held").to.equal(m.feesHeld);
  expect(r.status, "status").to.deep.equal({ [m.status]: {} });
  expect(big(r.disputedAt), "disputed_at").to.equal(m.disputedAt);
  expect(r.reservationFeeBps, "reservation_fee_bps").to.equal(Number(m.rules.feeBps));
  expect(r.claimHoldbackBps, "claim_holdback_bps").to.equal(Number(m.rules.holdbackBps));
}

/** The vault holds exactly what the accounting says (no donation). */
export async function expectVaultHolds(e: Escrow, ref: RentalRef): Promise<void> {
  const r = await fetchRental(e, ref);
  expect(await balance(e.p.ctx, ref.vault), "vault = accounting").to.equal(
    big(r.deposited) +
      big(r.renterFees) +
      big(r.feesHeld) -
      big(r.claimed) -
      big(r.feesCollected) -
      big(r.refunded) -
      big(r.feesRefunded),
  );
}

/** Token balances of the three parties and the vault, to compare before/after. */
export async function balances(e: Escrow, ref: RentalRef) {
  const { ctx } = e.p;
  return {
    provider: await balance(ctx, ref.n.operatorTokens),
    renter: await balance(ctx, ref.renter.tokens),
    treasury: await balance(ctx, e.treasury),
    vault: await balance(ctx, ref.vault),
  };
}

/**
 * The token movements since `before` equal `flows`, all paid by the vault;
 * `fromOutside` is what arrived from elsewhere in the same instruction (a
 * slash's shares, paid by the node's vault).
 */
export async function expectFlows(
  e: Escrow,
  ref: RentalRef,
  before: Awaited<ReturnType<typeof balances>>,
  flows: Flows & { surplus?: bigint },
  fromOutside: { toRenter?: bigint; toTreasury?: bigint } = {},
): Promise<void> {
  const after = await balances(e, ref);
  const toRenter = flows.toRenter + (flows.surplus ?? 0n);
  expect(after.provider - before.provider, "to the provider").to.equal(flows.payout);
  expect(after.treasury - before.treasury, "to the treasury").to.equal(
    flows.toTreasury + (fromOutside.toTreasury ?? 0n),
  );
  expect(after.renter - before.renter, "to the renter").to.equal(
    toRenter + (fromOutside.toRenter ?? 0n),
  );
  expect(before.vault - after.vault, "out of the vault").to.equal(
    flows.payout + flows.toTreasury + toRenter,
  );
}

/**
 * The unix time the last transaction executed at: the clock on LiteSVM (set
 * exactly by advanceTo), the block time on a validator.
 */
export async function lastTxTime(ctx: TestContext): Promise<number> {
  if (ctx.svm) return chainTime(ctx);
  const { signature } = await lastTransaction(ctx);
  const tx = await ctx.connection.getTransaction(signature, {
    commitment: "confirmed",
    maxSupportedTransactionVersion: 0,
  });
  if (!tx?.blockTime) throw new Error(`no block time for ${signature}`);
  return tx.blockTime;
}

/** Sets a fresh price (the default $1.25, or `f`'s fields) on the escrow's legacy price account. */
export async function setFreshPrice(
  e: Escrow,
  f: Partial<PythPriceFixture & { publishSlot?: bigint; emaPrice?: bigint }> = {},
): Promise<PythPriceFixture> {
  const price = { ...(await freshPrice(e.p.ctx)), ...f };
  await setLegacyPrice(e.p.ctx, e.priceAccount, price);
  return price;
}
