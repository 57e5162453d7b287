// `gpu-depin delegator`: delegate, undelegate, withdraw, claim, close, positions.
import { amount, Cli, fmt, nodeAddress, print, pubkey, UsageError, withContext } from "./common";

export function delegatorCommands(cli: Cli): void {
  const delegator = cli.program
    .command("delegator")
    .description("holders: delegate, undelegate, withdraw, claim, close, positions");

  delegator
    .command("delegate <node> <tokens>")
    .description("delegate tokens to an Active node")
    .action(
      withContext(cli, async (ctx, node: string, tokens: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.delegate(ctx.signer.publicKey, n, amount(tokens, ctx.decimals))],
          [],
          "delegate",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  delegator
    .command("undelegate <node> [tokens]")
    .description("start unbonding a delegation (all of it by default)")
    .action(
      withContext(cli, async (ctx, node: string, tokens: string | undefined) => {
        const n = await nodeAddress(ctx, node);
        const d = await ctx.client.programs.nodeStaking.account.delegation.fetchNullable(
          ctx.client.pdas.delegation(n, ctx.signer.publicKey),
        );
        if (!d) throw new UsageError(`you have no delegation to ${n.toBase58()}`);
        let shares = BigInt(d.shares.toString());
        if (tokens) {
          const pool = await ctx.client.pool(n);
          shares = (amount(tokens, ctx.decimals) * pool.poolShares) / (pool.poolTokens || 1n);
        }
        const sig = await ctx.client.send(
          [await ctx.client.undelegate(ctx.signer.publicKey, n, shares)],
          [],
          "undelegate",
        );
        print(ctx, { node: n, shares, signature: sig });
      }),
    );

  delegator
    .command("withdraw <node>")
    .description("withdraw matured unbonding")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.withdrawUndelegated(ctx.signer.publicKey, n)],
          [],
          "withdrawUndelegated",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  delegator
    .command("claim <node>")
    .description("claim delegation rewards")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.claimRewards(ctx.signer.publicKey, n)],
          [],
          "claimRewards",
        );
        print(ctx, { node: n, signature: sig });
      }),
    );

  delegator
    .command("close <node>")
    .description("close an empty delegation (after withdraw and claim); its rent returns to you")
    .action(
      withContext(cli, async (ctx, node: string) => {
        const n = await nodeAddress(ctx, node);
        const sig = await ctx.client.send(
          [await ctx.client.closeDelegation(ctx.signer.publicKey, n)],
          [],
          "closeDelegation",
        );
        print(ctx, { node: n, closed: true, signature: sig });
      }),
    );

  delegator
    .command("positions [wallet]")
    .description("delegations, values and pending rewards")
    .action(
      withContext(cli, async (ctx, wallet: string | undefined) => {
        const owner = wallet ? pubkey(wallet, "wallet") : ctx.signer.publicKey;
        const list = await ctx.client.delegations(owner);
        print(
          ctx,
          list,
          list.map((d) => ({
            node: d.node.toBase58(),
            value: fmt(d.value, ctx.decimals),
            pendingRewards: fmt(d.pendingRewards, ctx.decimals),
            unbonding: fmt(d.unbonding, ctx.decimals),
          })),
        );
      }),
    );
}
