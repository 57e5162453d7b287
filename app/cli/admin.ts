// `gpu-depin admin`: initialise, spec tiers, parameters, pause, the local price.
import { bn } from "../src";
import { migrate } from "../../migrations/migrate";
import { LOCAL_PYTH_LEGACY_PROGRAM, writeLocalPrice } from "../../migrations/pyth-fixture";
import {
  amount,
  Cli,
  fmt,
  integer,
  print,
  pubkey,
  usd,
  usdFmt,
  UsageError,
  withContext,
} from "./common";

export function adminCommands(cli: Cli): void {
  const admin = cli.program
    .command("admin")
    .description("protocol admin: init, tiers, parameters, pause");

  admin
    .command("init")
    .description(
      "initialise both programs (idempotent: existing configs must match the settings); " +
        "settings from migrations/config/<cluster>.json or --config",
    )
    .option("--config <file>", "migration settings (JSON, as migrations/config/localnet.json)")
    .action(
      withContext(cli, async (ctx, o: { config?: string }) => {
        const lines: string[] = [];
        const r = await migrate(ctx.client.provider, (l) => lines.push(l), o.config);
        print(ctx, { ...r, log: lines });
      }),
    );

  admin
    .command("tier-create <tierId> <name> <maxNodeStake>")
    .description("create a spec tier with its cap (tokens)")
    .option("--min <tokens>", "tier minimum provider stake", "0")
    .option("--max-delegated-bps <bps>", "largest delegated share", "5000")
    .action(
      withContext(
        cli,
        async (
          ctx,
          tierId: string,
          name: string,
          cap: string,
          opts: { min: string; maxDelegatedBps: string },
        ) => {
          const ix = await ctx.client.programs.nodeStaking.methods
            .createSpecTier({
              tierId: integer(tierId, "tier id", 65535),
              name,
              maxNodeStake: bn(amount(cap, ctx.decimals, "cap")),
              minProviderStake: bn(opts.min === "0" ? 0n : amount(opts.min, ctx.decimals, "--min")),
              maxDelegatedBps: integer(opts.maxDelegatedBps, "--max-delegated-bps", 10000),
            })
            .accountsPartial({ admin: ctx.signer.publicKey })
            .instruction();
          const sig = await ctx.client.send([ix], [], "createSpecTier");
          print(ctx, { tier: tierId, signature: sig });
        },
      ),
    );

  admin
    .command("tiers")
    .description("list spec tiers")
    .action(
      withContext(cli, async (ctx) => {
        const tiers = await ctx.client.tiers();
        const rows = tiers.map((t) => ({
          id: t.account.tierId,
          name: Buffer.from(t.account.name).toString().replace(/\0+$/, ""),
          cap: fmt(t.account.maxNodeStake, ctx.decimals),
          min: fmt(t.account.minProviderStake, ctx.decimals),
          maxDelegatedBps: t.account.maxDelegatedBps,
          active: t.account.active,
        }));
        print(ctx, rows, rows);
      }),
    );

  admin
    .command("local-price <usdPerToken>")
    .description(
      "localnet only: publish a fresh Pyth-format token price in the local Pyth stand-in fixture (make demo)",
    )
    .option("--conf-bps <bps>", "confidence interval as bps of the price", "10")
    .action(
      withContext(cli, async (ctx, usdPerToken: string, o: { confBps: string }) => {
        const escrow = await ctx.client.escrowConfig();
        // Only a local validator runs the stand-in at the legacy Pyth address.
        const info = await ctx.client.connection.getAccountInfo(escrow.oracleAccount);
        const local = /127\.0\.0\.1|localhost/.test(ctx.client.connection.rpcEndpoint);
        if (!local || !info || !info.owner.equals(LOCAL_PYTH_LEGACY_PROGRAM)) {
          throw new UsageError(
            `the escrow reads prices from ${escrow.oracleAccount.toBase58()}, not a local Pyth fixture; ` +
              "real clusters get their price from Pyth",
          );
        }
        const micro = usd(usdPerToken);
        if (micro === 0n) throw new UsageError("the token price must be greater than zero");
        // micro-USD with expo -6 is exact for the 6 decimals `usd` accepts.
        const conf = (micro * BigInt(integer(o.confBps, "--conf-bps", 10_000))) / 10_000n;
        await writeLocalPrice(ctx.client.provider, escrow.oracleAccount, {
          price: micro,
          conf,
          expo: -6,
        });
        print(ctx, {
          priceAccount: escrow.oracleAccount.toBase58(),
          usdPerToken: usdFmt(micro),
          confidence: usdFmt(conf),
        });
      }),
    );

  admin
    .command("params")
    .description("change node_staking parameters")
    .option("--min-provider-stake <tokens>")
    .option("--min-delegation <tokens>")
    .option("--unbonding-seconds <s>")
    .option("--epoch-seconds <s>")
    .option("--min-uptime-bps <bps>")
    .option("--max-low-epochs <n>")
    .option("--max-slash-per-epoch <tokens>")
    .option("--slash-authority <pubkey>")
    .option("--reward-authority <pubkey>")
    .action(
      withContext(cli, async (ctx, o: Record<string, string | undefined>) => {
        const ix = await ctx.client.programs.nodeStaking.methods
          .updateConfig({
            minProviderStake: o.minProviderStake
              ? bn(amount(o.minProviderStake, ctx.decimals))
              : null,
            minDelegation: o.minDelegation ? bn(amount(o.minDelegation, ctx.decimals)) : null,
            maxSlashPerEpoch: o.maxSlashPerEpoch
              ? bn(amount(o.maxSlashPerEpoch, ctx.decimals))
              : null,
            unbondingSeconds: o.unbondingSeconds
              ? integer(o.unbondingSeconds, "--unbonding-seconds")
              : null,
            epochSeconds: o.epochSeconds ? integer(o.epochSeconds, "--epoch-seconds") : null,
            minUptimeBps: o.minUptimeBps
              ? integer(o.minUptimeBps, "--min-uptime-bps", 10000)
              : null,
            maxLowEpochs: o.maxLowEpochs ? integer(o.maxLowEpochs, "--max-low-epochs", 255) : null,
            slashAuthority: o.slashAuthority ? pubkey(o.slashAuthority, "--slash-authority") : null,
            rewardAuthority: o.rewardAuthority
              ? pubkey(o.rewardAuthority, "--reward-authority")
              : null,
            rentalAuthority: null,
          })
          .accountsPartial({ admin: ctx.signer.publicKey, newTreasury: null })
          .instruction();
        const sig = await ctx.client.send([ix], [], "updateConfig");
        print(ctx, { signature: sig });
      }),
    );

  for (const [cmd, paused] of [
    ["pause", true],
    ["unpause", false],
  ] as const) {
    admin
      .command(cmd)
      .description(`${cmd} node_staking and rental_escrow`)
      .action(
        withContext(cli, async (ctx) => {
          // Both programs in one transaction: never one paused and the other not.
          const a = await ctx.client.programs.nodeStaking.methods
            .setPaused(paused)
            .accountsPartial({ admin: ctx.signer.publicKey })
            .instruction();
          const b = await ctx.client.programs.rentalEscrow.methods
            .setPaused(paused)
            .accountsPartial({ admin: ctx.signer.publicKey })
            .instruction();
          const sig = await ctx.client.send([a, b], [], "setPaused");
          print(ctx, { paused, signature: sig });
        }),
      );
  }
}
