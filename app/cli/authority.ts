// `gpu-depin authority`: the reward, slash and dispute authorities.
import { Option } from "commander";
import { createHash } from "crypto";

import { SlashReason } from "../src";
import { amount, Cli, integer, nodeAddress, print, pubkey, withContext } from "./common";

export function authorityCommands(cli: Cli): void {
  const authority = cli.program
    .command("authority")
    .description("reward, slash and dispute authorities");

  authority
    .command("credit <node> <epoch> <uptimeBps> <tokens>")
    .description("credit a node's epoch with attested uptime and fund the reward")
    .action(
      withContext(cli, async (ctx, node: string, epoch: string, uptime: string, tokens: string) => {
        const n = await nodeAddress(ctx, node);
        const built = await ctx.client.creditRewards(
          n,
          BigInt(integer(epoch, "epoch")),
          integer(uptime, "uptime bps", 10000),
          amount(tokens, ctx.decimals),
        );
        const sig = await ctx.client.send([built], [], "creditRewards");
        print(ctx, { node: n, signature: sig });
      }),
    );

  authority
    .command("slash <node> <fractionBps> <evidence>")
    .description("slash a node; <evidence> is hashed (sha256) into the record key")
    .addOption(
      new Option("--reason <reason>")
        .choices(["dataLeak", "qosFailure", "other"])
        .default("qosFailure"),
    )
    .action(
      withContext(
        cli,
        async (ctx, node: string, bps: string, evidence: string, o: { reason: SlashReason }) => {
          const n = await nodeAddress(ctx, node);
          const built = await ctx.client.slash({
            node: n,
            evidenceHash: createHash("sha256").update(evidence).digest(),
            reason: o.reason,
            fractionBps: integer(bps, "fraction bps", 10000),
          });
          const sig = await ctx.client.send([built], [], "slash");
          print(ctx, { node: n, slashRecord: built.accounts.slashRecord, signature: sig });
        },
      ),
    );

  authority
    .command("resolve <rental> <refundBps>")
    .description("resolve a disputed rental; optionally slash the node")
    .option("--slash-bps <bps>", "slash this fraction of the node's stake")
    .option("--renter-share-bps <bps>", "share of the slash sent to the renter", "0")
    .option("--evidence <text>", "evidence text (hashed)", "")
    .action(
      withContext(
        cli,
        async (
          ctx,
          rental: string,
          refund: string,
          o: { slashBps?: string; renterShareBps: string; evidence: string },
        ) => {
          const r = pubkey(rental, "rental");
          const slash = o.slashBps
            ? {
                evidenceHash: createHash("sha256")
                  .update(o.evidence || `${rental}:${Date.now()}`)
                  .digest(),
                reason: "qosFailure" as const,
                fractionBps: integer(o.slashBps, "--slash-bps", 10000),
                renterShareBps: integer(o.renterShareBps, "--renter-share-bps", 10000),
              }
            : undefined;
          const sig = await ctx.client.send(
            [await ctx.client.resolveDispute(r, integer(refund, "refund bps", 10000), slash)],
            [],
            "resolveDispute",
          );
          print(ctx, { rental: r, signature: sig });
        },
      ),
    );
}
