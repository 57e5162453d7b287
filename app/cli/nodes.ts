// `gpu-depin nodes`: the market's nodes, filtered on the RPC server.
import { Option } from "commander";

import { enumName, NodeStatus, Region, REGIONS, STATUSES } from "../src";
import { Cli, fmt, integer, print, usd, usdFmt, withContext } from "./common";

export function nodesCommand(cli: Cli): void {
  cli.program
    .command("nodes")
    .description("list nodes (filters run on the RPC server)")
    .option("--tier <id>")
    .addOption(new Option("--region <region>").choices(REGIONS))
    .addOption(new Option("--status <status>").choices(STATUSES))
    .option("--max-price <usdPerHour>")
    .action(
      withContext(
        cli,
        async (
          ctx,
          o: { tier?: string; region?: Region; status?: NodeStatus; maxPrice?: string },
        ) => {
          const list = await ctx.client.nodes({
            specTier: o.tier ? integer(o.tier, "--tier", 65535) : undefined,
            region: o.region,
            status: o.status,
            maxPriceMicroUsd: o.maxPrice ? usd(o.maxPrice) : undefined,
          });
          print(
            ctx,
            list.map((n) => ({ address: n.publicKey, ...n.account })),
            list.map((n) => ({
              node: n.publicKey.toBase58(),
              tier: n.account.specTier,
              region: enumName(n.account.region),
              gpus: n.account.gpuCount,
              price: `${usdFmt(n.account.priceMicroUsdPerHour)}/h`,
              status: enumName(n.account.status),
              stake: fmt(n.account.providerStake, ctx.decimals),
              delegated: fmt(n.account.poolTokens, ctx.decimals),
            })),
          );
        },
      ),
    );
}
