// node_staking instruction builders. Each returns { instruction, accounts }
// with every account named, for `Sender.send` or your own transaction.
import { Provider } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";

import { bn, Built, Region, SlashReason, variant } from "./common";
import { Pdas } from "./pdas";
import { Programs } from "./programs";
import { MarketReads } from "./reads";

export interface QosAddonPrice {
  id: number;
  priceMicroUsdPerHour: bigint;
}

export class StakingBuilders {
  constructor(
    private readonly provider: Provider,
    readonly programs: Programs,
    readonly pdas: Pdas,
    private readonly reads: MarketReads,
  ) {}

  private get methods() {
    return this.programs.nodeStaking.methods;
  }
  private get wallet(): PublicKey {
    return this.provider.publicKey!;
  }

  /** The accounts most operator instructions take: config, node, vault, mint, token program. */
  private async stakeAccounts(operator: PublicKey, node: PublicKey) {
    const [cfg, n] = await Promise.all([this.reads.stakingConfig(), this.reads.node(node)]);
    return {
      cfg,
      n,
      accounts: {
        operator,
        node,
        vault: n.vault,
        stakeMint: cfg.stakeMint,
        tokenProgram: cfg.tokenProgram,
      },
    };
  }

  /** Anyone may pay a delegator out to the delegator's own token account (`signer`). */
  private async payoutAccounts(delegator: PublicKey, node: PublicKey, signer = delegator) {
    const { cfg, n } = await this.stakeAccounts(delegator, node);
    return {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
      vault: n.vault,
      destination: await this.reads.tokenAccount(delegator),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
  }

  // ------------------------------------------------------------- operators

  async registerNode(args: {
    operator: PublicKey;
    nodeId: bigint;
    tierId: number;
    gpuCount: number;
    region: Region;
    priceMicroUsdPerHour: bigint;
    qosAddons?: QosAddonPrice[];
    commissionBps: number;
  }): Promise<Built> {
    const cfg = await this.reads.stakingConfig();
    const node = this.pdas.node(args.operator, args.nodeId);
    const accounts = {
      operator: args.operator,
      specTier: this.pdas.specTier(args.tierId),
      node,
      vault: this.pdas.nodeVault(node),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .registerNode({
        nodeId: bn(args.nodeId),
        gpuCount: args.gpuCount,
        region: variant(args.region),
        priceMicroUsdPerHour: bn(args.priceMicroUsdPerHour),
        qosAddons: (args.qosAddons ?? []).map((a) => ({
          id: a.id,
          priceMicroUsdPerHour: bn(a.priceMicroUsdPerHour),
        })),
        commissionBps: args.commissionBps,
      })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Replaces the node's hourly price and its QoS add-ons (all of them). */
  async updatePricing(args: {
    operator: PublicKey;
    node: PublicKey;
    priceMicroUsdPerHour: bigint;
    qosAddons: QosAddonPrice[];
  }): Promise<Built> {
    const accounts = { operator: args.operator, node: args.node };
    const instruction = await this.methods
      .updatePricing({
        priceMicroUsdPerHour: bn(args.priceMicroUsdPerHour),
        qosAddons: args.qosAddons.map((a) => ({
          id: a.id,
          priceMicroUsdPerHour: bn(a.priceMicroUsdPerHour),
        })),
      })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async stake(operator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, operatorTokens: await this.reads.tokenAccount(operator) };
    const instruction = await this.methods
      .stake(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async requestUnstake(operator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const accounts = { operator, node };
    const instruction = await this.methods
      .requestUnstake(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async withdrawUnstaked(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, destination: await this.reads.tokenAccount(operator) };
    const instruction = await this.methods
      .withdrawUnstaked()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async claimOperatorRewards(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, destination: await this.reads.tokenAccount(operator) };
    const instruction = await this.methods
      .claimOperatorRewards()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /**
   * Closes a node that owes nothing (no stake, delegations, unbonding,
   * rewards or rentals): untracked vault tokens go to the treasury, the
   * node's and the vault's rent to the operator.
   */
  async closeNode(operator: PublicKey, node: PublicKey): Promise<Built> {
    const { cfg, accounts: base } = await this.stakeAccounts(operator, node);
    const accounts = { ...base, treasury: cfg.treasury };
    const instruction = await this.methods.closeNode().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  // ------------------------------------------------------------- delegators

  async delegate(delegator: PublicKey, node: PublicKey, amount: bigint): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(delegator, node);
    const accounts = {
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
      vault: n.vault,
      delegatorTokens: await this.reads.tokenAccount(delegator),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .delegate(bn(amount))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /**
   * Undelegates `shares`. `signer` defaults to the delegator; anyone else may
   * undelegate all of them once the node's provider has no stake.
   */
  async undelegate(
    delegator: PublicKey,
    node: PublicKey,
    shares: bigint,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
    };
    const instruction = await this.methods
      .undelegate(bn(shares))
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async withdrawUndelegated(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = await this.payoutAccounts(delegator, node, signer);
    const instruction = await this.methods
      .withdrawUndelegated()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  async claimRewards(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = delegator,
  ): Promise<Built> {
    const accounts = await this.payoutAccounts(delegator, node, signer);
    const instruction = await this.methods.claimRewards().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  /** Closes an empty delegation (no shares, unbonding or rewards); its rent returns to the delegator. */
  async closeDelegation(delegator: PublicKey, node: PublicKey): Promise<Built> {
    const accounts = { delegator, node, delegation: this.pdas.delegation(node, delegator) };
    const instruction = await this.methods
      .closeDelegation()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  // ------------------------------------------------------------- anyone

  /** Settles a delegation (anyone): rewards into pending, shares of a wiped pool dropped. */
  async settleDelegation(
    delegator: PublicKey,
    node: PublicKey,
    signer: PublicKey = this.wallet,
  ): Promise<Built> {
    const accounts = {
      signer,
      delegator,
      node,
      delegation: this.pdas.delegation(node, delegator),
    };
    const instruction = await this.methods
      .settleDelegation()
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** Re-evaluates a node's status against its stake and the current minimums (anyone). */
  async refreshNode(node: PublicKey): Promise<Built> {
    const n = await this.reads.node(node);
    const accounts = { node, specTier: this.pdas.specTier(n.specTier) };
    const instruction = await this.methods.refreshNode().accountsPartial(accounts).instruction();
    return { instruction, accounts };
  }

  // ------------------------------------------------------------- authorities

  /** credit_rewards, signed by the config's reward authority from its own token account. */
  async creditRewards(
    node: PublicKey,
    epoch: bigint,
    uptimeBps: number,
    amount: bigint,
  ): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(this.wallet, node);
    const accounts = {
      rewardAuthority: cfg.rewardAuthority,
      node,
      vault: n.vault,
      source: await this.reads.tokenAccount(cfg.rewardAuthority),
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .creditRewards({ epoch: bn(epoch), uptimeBps, amount: bn(amount) })
      .accountsPartial(accounts)
      .instruction();
    return { instruction, accounts };
  }

  /** slash, signed by the config's slash authority; the provider's wallet pays the record's rent. */
  async slash(args: {
    node: PublicKey;
    evidenceHash: Buffer;
    reason: SlashReason;
    fractionBps: number;
    renterShareBps?: number;
    renterTokens?: PublicKey;
  }): Promise<Built> {
    const { cfg, n } = await this.stakeAccounts(this.wallet, args.node);
    const accounts = {
      authority: cfg.slashAuthority,
      payer: this.wallet,
      node: args.node,
      slashRecord: this.pdas.slashRecord(args.node, args.evidenceHash),
      vault: n.vault,
      treasury: cfg.treasury,
      renterTokens: args.renterTokens ?? null,
      stakeMint: cfg.stakeMint,
      tokenProgram: cfg.tokenProgram,
    };
    const instruction = await this.methods
      .slash({
        evidenceHash: Array.from(args.evidenceHash),
        reason: variant(args.reason),
        fractionBps: args.fractionBps,
        renterShareBps: args.renterShareBps ?? 0,
      })
      .accountsPartial(accounts as never)
      .instruction();
    return { instruction, accounts: accounts as Record<string, PublicKey> };
  }
}
