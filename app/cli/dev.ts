// `gpu-depin dev`: localnet only. Creates the keypair files the README's CLI
// walkthrough uses (op.json, holder.json, renter.json) where they are
// missing, and tops each up with SOL and stake tokens from the signer: the
// `make demo` wallet, which is the local stake mint's authority.
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createMintToInstruction,
  getAccount,
  getAssociatedTokenAddressSync,
  getMint,
} from "@solana/spl-token";
import { Keypair, SystemProgram, TransactionInstruction } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { isLocalUrl } from "../src";
import { amount, Cli, fmt, print, readKeypair, UsageError, withContext } from "./common";

/** The walkthrough's roles, one keypair file each. */
export const DEV_WALLETS = ["op", "holder", "renter"] as const;

export function devCommand(cli: Cli): void {
  cli.program
    .command("dev")
    .description(
      "localnet only: create op.json, holder.json and renter.json (where missing) and top each " +
        "up with SOL and stake tokens from the signer (the make demo wallet, the mint authority)",
    )
    .option("--dir <dir>", "folder for the keypair files", ".")
    .option("--sol <sol>", "SOL each wallet should hold", "5")
    .option("--tokens <tokens>", "stake tokens each wallet should hold", "1000")
    .action(
      withContext(cli, async (ctx, o: { dir: string; sol: string; tokens: string }) => {
        const { connection } = ctx.client;
        if (!isLocalUrl(connection.rpcEndpoint)) {
          throw new UsageError(
            `dev funds wallets on a local validator only, not ${connection.rpcEndpoint}; ` +
              "elsewhere use keypairs of your own (solana-keygen) and fund them yourself",
          );
        }
        const config = await ctx.client.stakingConfig().catch(() => {
          throw new UsageError("node_staking is not initialised here: run `make demo` first");
        });
        const mint = await getMint(connection, config.stakeMint, "confirmed", config.tokenProgram);
        if (!mint.mintAuthority?.equals(ctx.signer.publicKey)) {
          throw new UsageError(
            `the signer ${ctx.signer.publicKey.toBase58()} cannot mint the stake token; ` +
              "pass --keypair target/localnet/wallet.json (the make demo wallet)",
          );
        }
        const sol = amount(o.sol, 9, "--sol");
        const tokens = amount(o.tokens, ctx.decimals, "--tokens");
        fs.mkdirSync(o.dir, { recursive: true });
        const rows: Record<string, unknown>[] = [];
        for (const role of DEV_WALLETS) {
          const file = path.join(o.dir, `${role}.json`);
          const existed = fs.existsSync(file);
          const kp = existed ? readKeypair(file) : Keypair.generate();
          if (!existed)
            fs.writeFileSync(file, JSON.stringify(Array.from(kp.secretKey)), { mode: 0o600 });
          const owner = kp.publicKey;
          const ata = getAssociatedTokenAddressSync(
            config.stakeMint,
            owner,
            false,
            config.tokenProgram,
          );
          const lamports = BigInt(await connection.getBalance(owner, "confirmed"));
          const held = await getAccount(connection, ata, "confirmed", config.tokenProgram)
            .then((a) => a.amount)
            .catch(() => 0n);
          const ixs: TransactionInstruction[] = [];
          if (lamports < sol)
            ixs.push(
              SystemProgram.transfer({
                fromPubkey: ctx.signer.publicKey,
                toPubkey: owner,
                lamports: sol - lamports,
              }),
            );
          ixs.push(
            createAssociatedTokenAccountIdempotentInstruction(
              ctx.signer.publicKey,
              ata,
              owner,
              config.stakeMint,
              config.tokenProgram,
            ),
          );
          if (held < tokens)
            ixs.push(
              createMintToInstruction(
                config.stakeMint,
                ata,
                ctx.signer.publicKey,
                tokens - held,
                [],
                config.tokenProgram,
              ),
            );
          if (lamports < sol || held < tokens) await ctx.client.send(ixs, []);
          rows.push({
            role,
            file,
            created: !existed,
            wallet: owner.toBase58(),
            sol: fmt(lamports < sol ? sol : lamports, 9),
            tokens: fmt(held < tokens ? tokens : held, ctx.decimals),
          });
        }
        print(ctx, rows, rows);
      }),
    );
}
