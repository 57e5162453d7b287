// rental_escrow instruction builders. Each returns { instruction, accounts }
// with every account named, for `Sender.send` or your own transaction.
import { Provider } from "@coral-xyz/anchor";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { PublicKey, SYSVAR_INSTRUCTIONS_PUBKEY } from "@solana/web3.js";

import { bn, Built, SlashReason, variant } from "./common";
import { Pdas } from "./pdas";
import { Programs } from "./programs";
import { priceAccountFor } from "./oracle";
import { MarketReads } from "./reads";

export interface DisputeSlash {
  evidenceHash: Buffer;
  reason: SlashReason;
  fractionBps: number;
  renterShareBps: number;
}

export class EscrowBuilders {
  constructor(
    private readonly provider: Provider,
    readonly programs: Programs,
    readonly pdas: Pdas,
    private readonly reads: MarketReads,
  ) {}

  private get methods() {
    return this.programs.rentalEscrow.methods;
  }

  /** The escrow config, the rental, and the payment-mint token account of an owner. */
  private async rentalAccounts(rental: PublicKey) {
    const [cfg, r] = await Promise.all([this.reads.escrowConfig(), this.reads.rental(rental)]);
    const ata = (owner: PublicKey) =>
      getAssociatedTokenAddressSync(cfg.paymentMint, owner, true, cfg.tokenProgram);
    return { cfg, r, ata };
  }

  // ------------------------------------------------------------- renters

  /**
   * create_rental of `node` for `durationSeconds`, paying at most `maxTokens`
   * (take them from `quote`, plus your slippage). Legs of one cluster share a
   * `clusterId` and sit in one transaction.
   */
  async createRental(args: {
    renter: PublicKey;
    node: PublicKey;
    durationSeconds: bigint;
    qosAddonIds?: number[];
    maxTokens: bigint;
    clusterId?: bigint;
    rentalId?: bigint;
    /** Pull mode: a posted price update to read (default: see oracle.ts). */
    priceAccount?: PublicKey;
  }): Promise<Built> {
    const cfg = await this.reads.escrowConfig();
    const n = await this.reads.node(args.node);
    const rentalId =
      args.rentalId ??
      this.pdas.cheapRentalId(
        args.renter,
        // Time-ordered, and random enough that rentals built in the same
        // millisecond land on different cheap ids.
        BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000)),
      );
    const rental = this.pdas.rental(args.renter, rentalId);
    const accounts = {
      renter: args.renter,
      config: this.pdas.escrowConfig(),
      rental,
      vault: this.pdas.rentalVault(rental),
      renterTokens: getAssociatedTokenAddressSync(
        cfg.paymentMint,
        args.renter,
        true,
        cfg.tokenProgram,
      ),
      paymentMint: cfg.paymentMint,
      node: args.node,
      priceAccount: priceAccountFor(cfg, args.priceAccount),
      stakingConfig: this.pdas.stakingConfig(),
      stakingSpecTier: this.pdas.specTier(n.specTier),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      instructions: args.clusterId ? SYSVAR_INSTRUCTIONS_PUBKEY : null,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .createRental({
        rentalId: bn(rentalId),
        durationSeconds: bn(args.durationSeconds),
        qosAddonIds: Buffer.from(args.qosAddonIds ?? []),
        maxTokens: bn(args.maxTokens),
        clusterId: bn(args.clusterId ?? 0n),
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }

  /** extend_rental; `priceAccount` as for createRental. */
  async extendRental(
    rental: PublicKey,
    extraSeconds: bigint,
    maxTokens: bigint,
    priceAccount?: PublicKey,
  ): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const n = await this.reads.node(r.node);
    const accounts = {
      renter: r.renter,
      config: this.pdas.escrowConfig(),
      rental,
      vault: r.vault,
      renterTokens: ata(r.renter),
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      stakingSpecTier: this.pdas.specTier(n.specTier),
      priceAccount: priceAccountFor(cfg, priceAccount),
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .extendRental({ extraSeconds: bn(extraSeconds), maxTokens: bn(maxTokens) })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async cancelRental(rental: PublicKey): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      renter: r.renter,
      config: this.pdas.escrowConfig(),
      rental,
      vault: r.vault,
      renterTokens: ata(r.renter),
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods.cancelRental().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  async openDispute(rental: PublicKey): Promise<Built> {
    const r = await this.reads.rental(rental);
    const accounts = { renter: r.renter, rental };
    const instruction = await this.methods.openDispute().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  // ------------------------------------------------------------- providers, anyone

  async claim(rental: PublicKey): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      provider: r.provider,
      rental,
      vault: r.vault,
      providerTokens: ata(r.provider),
      paymentMint: cfg.paymentMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods.claim().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  /** Settles and closes a finished rental; `closer` defaults to the provider's wallet. */
  async closeRental(
    rental: PublicKey,
    closer: PublicKey = this.provider.publicKey!,
  ): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const accounts = {
      closer,
      config: this.pdas.escrowConfig(),
      rental,
      renter: r.renter,
      vault: r.vault,
      providerTokens: ata(r.provider),
      renterTokens: ata(r.renter),
      treasury: cfg.treasury,
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods.closeRental().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  // ------------------------------------------------------------- dispute authority

  /** resolve_dispute, signed by the escrow's dispute authority; optionally slashes the node. */
  async resolveDispute(
    rental: PublicKey,
    refundBps: number,
    slash?: DisputeSlash,
    payAfterDispute?: boolean,
  ): Promise<Built> {
    const { cfg, r, ata } = await this.rentalAccounts(rental);
    const staking = await this.reads.stakingConfig();
    const n = await this.reads.node(r.node);
    const accounts = {
      disputeAuthority: cfg.disputeAuthority,
      config: this.pdas.escrowConfig(),
      rental,
      vault: r.vault,
      providerTokens: ata(r.provider),
      renterTokens: ata(r.renter),
      treasury: cfg.treasury,
      paymentMint: cfg.paymentMint,
      node: r.node,
      stakingConfig: this.pdas.stakingConfig(),
      rentalAuthority: this.pdas.rentalAuthority(),
      stakingSpecTier: slash ? this.pdas.specTier(n.specTier) : null,
      slashRecord: slash ? this.pdas.slashRecord(r.node, slash.evidenceHash) : null,
      nodeVault: slash ? n.vault : null,
      stakingTreasury: slash ? staking.treasury : null,
      nodeStakingProgram: this.programs.nodeStaking.programId,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .resolveDispute({
        refundBps,
        payAfterDispute: payAfterDispute ?? false,
        slash: slash
          ? {
              evidenceHash: Array.from(slash.evidenceHash),
              reason: variant(slash.reason),
              fractionBps: slash.fractionBps,
              renterShareBps: slash.renterShareBps,
            }
          : null,
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }
}
