// `gpu-depin renter`: quote, rent, cluster, extend, cancel, close, dispute, rentals.
import { PublicKey } from "@solana/web3.js";
import { Option } from "commander";

import {
  DEFAULT_HERMES_URL,
  enumName,
  MAX_CLUSTER_LEGS,
  priceAccountFor,
  Region,
  REGIONS,
} from "../src";
import {
  addonIds,
  Cli,
  Ctx,
  duration,
  fmt,
  integer,
  nodeAddress,
  print,
  pubkey,
  usd,
  usdFmt,
  withContext,
} from "./common";

const PRICE_UPDATE_HELP =
  "pull-oracle mode: the price to use: a fully verified PriceUpdateV2 account (posted with " +
  "Pyth's tools), or `fresh`: fetch the feed's latest update from Hermes, post it fully " +
  "verified, use it, close it; default: the escrow's pinned account, else the feed's " +
  "sponsored account";
const HERMES_HELP = "Hermes endpoint for --price-update fresh";

interface PriceOptions {
  priceUpdate?: string;
  hermes: string;
}

/** --price-update <account>: the posted price update account to read. */
function priceUpdate(value: string | undefined): PublicKey | undefined {
  return value === undefined || value === "fresh" ? undefined : pubkey(value, "--price-update");
}

/** The price account a command read, for its output. */
async function priceAccountUsed(ctx: Ctx, value: string | undefined): Promise<string> {
  return priceAccountFor(await ctx.client.escrowConfig(), priceUpdate(value)).toBase58();
}

/** The most a quote of `total` may cost after --slippage-bps (rounded down). */
function withSlippage(total: bigint, slippageBps: string): bigint {
  return total + (total * BigInt(integer(slippageBps, "--slippage-bps", 10000))) / 10_000n;
}

/**
 * Runs `body` with the price account the options name. With `fresh`, the
 * feed's latest update is fetched from Hermes and posted fully verified
 * first, and closed afterwards (rent back) whether `body` succeeded or not.
 */
async function withPriceAccount<T extends object>(
  ctx: Ctx,
  o: PriceOptions,
  body: (price: PublicKey | undefined) => Promise<T>,
): Promise<T & { priceUpdatePosted?: object }> {
  if (o.priceUpdate !== "fresh") return body(priceUpdate(o.priceUpdate));
  const update = await ctx.client.fetchPriceUpdate(o.hermes);
  const posted = await ctx.client.postPriceUpdate(update);
  let out: T;
  let closed = false;
  try {
    out = await body(posted.priceUpdateAccount);
  } finally {
    closed = await posted.close().then(
      () => true,
      (e: Error) => {
        ctx.io.err(
          `could not close the posted update ${posted.priceUpdateAccount.toBase58()} ` +
            `(${e.message}): close it later with Pyth's receiver to reclaim its rent`,
        );
        return false;
      },
    );
  }
  return {
    ...out,
    priceUpdatePosted: {
      account: posted.priceUpdateAccount,
      publishTime: update.price.publishTime,
      closed,
    },
  };
}

export function renterCommands(cli: Cli): void {
  const renter = cli.program
    .command("renter")
    .description("renters: quote, rent, extend, cancel, cluster, rentals");

  renter
    .command("quote <node> <duration>")
    .description("tokens a rental costs now (e.g. quote <node> 2h --addons 1)")
    .option("--addons <ids>", "QoS add-on ids to include, comma-separated")
    .option("--price-update <account|fresh>", PRICE_UPDATE_HELP)
    .option("--hermes <url>", HERMES_HELP, DEFAULT_HERMES_URL)
    .action(
      withContext(
        cli,
        async (ctx, node: string, dur: string, o: PriceOptions & { addons?: string }) => {
          const n = await nodeAddress(ctx, node);
          // A fresh price quotes offline, from the signed update itself (nothing posted).
          const fresh =
            o.priceUpdate === "fresh" ? await ctx.client.fetchPriceUpdate(o.hermes) : undefined;
          const q = await ctx.client.quote(
            n,
            duration(dur),
            addonIds(o.addons),
            fresh?.price ?? priceUpdate(o.priceUpdate),
          );
          print(ctx, {
            rate: `${usdFmt(q.rateMicroUsdPerHour)}/h`,
            costUsd: usdFmt(q.costMicroUsd),
            tokens: fmt(q.tokens, ctx.decimals),
            fee: fmt(q.fee, ctx.decimals),
            total: fmt(q.total, ctx.decimals),
            priceAccount: fresh
              ? `fresh update from ${o.hermes} (publish time ${fresh.price.publishTime})`
              : await priceAccountUsed(ctx, o.priceUpdate),
          });
        },
      ),
    );

  renter
    .command("rent <node> <duration>")
    .description("rent a node; fails if the price moved more than --slippage-bps")
    .option("--slippage-bps <bps>", "tolerance above the quote", "100")
    .option("--addons <ids>", "QoS add-on ids to rent with the node, comma-separated")
    .option("--price-update <account|fresh>", PRICE_UPDATE_HELP)
    .option("--hermes <url>", HERMES_HELP, DEFAULT_HERMES_URL)
    .action(
      withContext(
        cli,
        async (
          ctx,
          node: string,
          dur: string,
          o: PriceOptions & { slippageBps: string; addons?: string },
        ) => {
          const n = await nodeAddress(ctx, node);
          const ids = addonIds(o.addons);
          const out = await withPriceAccount(ctx, o, async (price) => {
            const q = await ctx.client.quote(n, duration(dur), ids, price);
            const maxTokens = withSlippage(q.total, o.slippageBps);
            const built = await ctx.client.createRental({
              renter: ctx.signer.publicKey,
              node: n,
              durationSeconds: duration(dur),
              qosAddonIds: ids,
              maxTokens,
              priceAccount: price,
            });
            const sig = await ctx.client.send([built], [], "createRental");
            return {
              rental: built.accounts.rental,
              paid: fmt(q.total, ctx.decimals),
              priceAccount: built.accounts.priceAccount,
              signature: sig,
            };
          });
          print(ctx, out);
        },
      ),
    );

  renter
    .command("cluster <count> <duration>")
    .description(
      `rent <count> nodes at once (1 to ${MAX_CLUSTER_LEGS}), all or nothing, cheapest first; ` +
        "past 4 nodes through an address lookup table (deactivated afterwards)",
    )
    .option("--tier <id>")
    .addOption(new Option("--region <region>").choices(REGIONS))
    .option("--max-price <usdPerHour>")
    .option("--price-update <account|fresh>", PRICE_UPDATE_HELP)
    .option("--hermes <url>", HERMES_HELP, DEFAULT_HERMES_URL)
    .action(
      withContext(
        cli,
        async (
          ctx,
          count: string,
          dur: string,
          o: PriceOptions & { tier?: string; region?: Region; maxPrice?: string },
        ) => {
          const legs = integer(count, "count", MAX_CLUSTER_LEGS);
          const out = await withPriceAccount(ctx, o, async (price) => {
            const c = await ctx.client.rentCluster({
              renter: ctx.signer.publicKey,
              count: legs,
              durationSeconds: duration(dur),
              priceAccount: price,
              filter: {
                specTier: o.tier ? integer(o.tier, "--tier", 65535) : undefined,
                region: o.region,
                maxPriceMicroUsd: o.maxPrice ? usd(o.maxPrice) : undefined,
              },
            });
            return {
              clusterId: c.clusterId,
              nodes: c.nodes.map((x) => x.toBase58()),
              rentals: c.instructions.map((i) => i.accounts.rental.toBase58()),
              signature: c.signature,
              transactionBytes: c.transactionBytes,
              ...(c.lookupTable
                ? {
                    lookupTable: c.lookupTable.toBase58(),
                    lookupTableDeactivated: c.lookupTableDeactivated,
                  }
                : {}),
            };
          });
          print(ctx, out);
        },
      ),
    );

  renter
    .command("extend <rental> <duration>")
    .option("--slippage-bps <bps>", "tolerance above the quote", "100")
    .option("--price-update <account|fresh>", PRICE_UPDATE_HELP)
    .option("--hermes <url>", HERMES_HELP, DEFAULT_HERMES_URL)
    .description("extend a running rental")
    .action(
      withContext(
        cli,
        async (ctx, rental: string, dur: string, o: PriceOptions & { slippageBps: string }) => {
          const r = pubkey(rental, "rental");
          const out = await withPriceAccount(ctx, o, async (price) => {
            // A new period at the node's current USD rate and today's token price.
            const q = await ctx.client.quoteExtension(r, duration(dur), price);
            const maxTokens = withSlippage(q.total, o.slippageBps);
            const sig = await ctx.client.send(
              [await ctx.client.extendRental(r, duration(dur), maxTokens, price)],
              [],
              "extendRental",
            );
            return { rental: r, signature: sig };
          });
          print(ctx, out);
        },
      ),
    );

  for (const [cmd, fn, description] of [
    ["cancel", "cancelRental", "end a rental early (refund the rest)"],
    ["close", "closeRental", "settle and close a finished rental"],
    ["dispute", "openDispute", "dispute a rental"],
  ] as const) {
    renter
      .command(`${cmd} <rental>`)
      .description(description)
      .action(
        withContext(cli, async (ctx, rental: string) => {
          const r = pubkey(rental, "rental");
          const built = await ctx.client.escrow[fn](r);
          const sig = await ctx.client.send([built], [], fn);
          print(ctx, { rental: r, signature: sig });
        }),
      );
  }

  renter
    .command("rentals [wallet]")
    .description("rentals of a renter (default: you)")
    .option("--provider", "list rentals where the wallet is the provider")
    .action(
      withContext(cli, async (ctx, wallet: string | undefined, o: { provider?: boolean }) => {
        const who = wallet ? pubkey(wallet, "wallet") : ctx.signer.publicKey;
        const list = await ctx.client.rentals(o.provider ? { provider: who } : { renter: who });
        print(
          ctx,
          list,
          list.map((r) => ({
            rental: r.publicKey.toBase58(),
            node: r.account.node.toBase58().slice(0, 8),
            cluster: r.account.clusterId.toString(),
            status: enumName(r.account.status),
            rate: usdFmt(r.account.rateMicroUsdPerHour),
            deposited: fmt(r.account.deposited, ctx.decimals),
            claimed: fmt(r.account.claimed, ctx.decimals),
            ends: new Date(r.account.endTs.toNumber() * 1000).toISOString(),
          })),
        );
      }),
    );
}
