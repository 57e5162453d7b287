// `gpu-depin provider`: register, stake, unstake, withdraw, price, claim, status, close.
import { enumName, eventsNamed, Region, REGIONS } from "../src";
import {
  addonPrices,
  amount,
  Cli,
  collect,
  fmt,
  integer,
  nodeAddress,
  print,
  pubkey,
  usd,
  usdFmt,
  UsageError,
  withContext,
} from "./common";

export function providerCommands(cli: Cli): void {
  const provider = cli.program
    .command("provider")
    .description("GPU providers: register, stake, unstake, withdraw, price, status, close");

  provider
    .command("register <nodeId> <tierId> <gpuCount> <region> <usdPerHour>")
    .description(`register a node (region: ${REGIONS.join("|")})`)
    .option("--commission-bps <bps>", "commission on delegator rewards", "1000")
    .option("--addon <id=usdPerHour>", "a priced QoS add-on (repeatable, up to 4)", collect, [])
    .action(
      withContext(
        cli,
        async (
          ctx,
          nodeId: string,
          tierId: string,
          gpus: string,
          region: string,
          price: string,
          o: { commissionBps: string; addon: string[] },
        ) => {
          if (!REGIONS.includes(region as Region))
            throw new UsageError(`region must be one of ${REGIONS.join(", ")}`);
          const built = await ctx.client.registerNode({
            operator: ctx.signer.publicKey,
            nodeId: BigInt(integer(nodeId, "node id")),
            tierId: integer(tierId, "tier id", 65535),
            gpuCount: integer(gpus, "GPU count", 1024),
            region: region as Region,
            priceMicroUsdPerHour: usd(price),
            qosAddons: addonPrices(o.addon),
            commissionBps: integer(o.commissionBps, "--commission-bps", 10000),
          });
          const sig = await ctx.client.send([built], [], "registerNode");
          print(ctx, { node: built.accounts.node, vault: built.accounts.vault, signature: sig });
        },
      ),
    );

  provider
    .command("stake <node> <tokens>")
    .description("add provider stake (node address or your node id)")
    .action(
      withContext(cli, async (ctx, node: string, tokens: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.stake(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
          [],
          "stake",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  provider
    .command("unstake <node> <tokens>")
    .description("start unbonding provider stake")
    .action(
      withContext(cli, async (ctx, node: string, tokens: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.requestUnstake(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
          [],
          "requestUnstake",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  provider
    .command("withdraw <node>")
    .description("withdraw matured unbonding stake")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.withdrawUnstaked(ctx.signer.publicKey, n)],
          [],
          "withdrawUnstaked",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  provider
    .command("set-price <node> <usdPerHour>")
    .description("set the node's USD price per hour (add-ons kept unless --addon/--clear-addons)")
    .option("--addon <id=usdPerHour>", "replace the QoS add-ons (repeatable, up to 4)", collect, [])
    .option("--clear-addons", "remove every QoS add-on")
    .action(
      withContext(
        cli,
        async (ctx, node: string, price: string, o: { addon: string[]; clearAddons?: boolean }) => {
          if (o.clearAddons && o.addon.length)
            throw new UsageError("use either --addon or --clear-addons, not both");
          const n = await nodeAddress(ctx, node);
          const qosAddons = o.clearAddons
            ? []
            : o.addon.length
              ? addonPrices(o.addon)
              : await ctx.client.qosAddons(n);
          const built = await ctx.client.updatePricing({
            operator: ctx.signer.publicKey,
            node: n,
            priceMicroUsdPerHour: usd(price),
            qosAddons,
          });
          const sig = await ctx.client.send([built], [], "updatePricing");
          print(ctx, { node: n, signature: sig });
        },
      ),
    );

  provider
    .command("close <node>")
    .description("close a node that owes nothing; its rent returns to you")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.closeNode(ctx.signer.publicKey, n)],
          [],
          "closeNode",
        );
        print(ctx, { node: n, closed: true, signature: sig });
      }),
    );

  provider
    .command("claim <node>")
    .description("claim the operator's rewards")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.claimOperatorRewards(ctx.signer.publicKey, n)],
          [],
          "claimOperatorRewards",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  provider
    .command("status <node>")
    .description("a node's stake, pool and status")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const acc = await ctx.client.node(n);
        const pool = await ctx.client.pool(n);
        print(ctx, {
          node: n.toBase58(),
          status: pool.status,
          tier: acc.specTier,
          region: enumName(acc.region),
          price: usdFmt(acc.priceMicroUsdPerHour),
          qosAddons: acc.qosAddons
            .filter((a) => a.id !== 0)
            .map((a) => `${a.id}=${usdFmt(a.priceMicroUsdPerHour)}`)
            .join(" "),
          providerStake: fmt(pool.providerStake, ctx.decimals),
          delegated: fmt(pool.poolTokens, ctx.decimals),
          sharePrice: pool.sharePrice,
          commissionBps: pool.commissionBps,
          activeRentals: acc.activeRentals,
          operatorRewards: fmt(acc.operatorRewards, ctx.decimals),
        });
      }),
    );

  provider
    .command("claim-rental <rental>")
    .description("claim what a rental accrued")
    .action(
      withContext(cli, async (ctx, rental: string) => {
        const r = pubkey(rental, "rental");
        const sig = await ctx.client.send([await ctx.client.claim(r)], [], "claim");
        // The amounts come from the transaction's own RentalClaimed event.
        const [claimed] = eventsNamed(
          await ctx.client.transactionEvents(sig),
          "rentalEscrow",
          "rentalClaimed",
        );
        print(ctx, {
          rental: r,
          payout: fmt(claimed.payout, ctx.decimals),
          feeHeld: fmt(claimed.feeHeld, ctx.decimals),
          signature: sig,
        });
      }),
    );
}
