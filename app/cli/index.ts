// gpu-depin: one command, sub-commands per role (admin, provider, delegator,
// renter, authority, nodes), one file each. Amounts are in whole tokens
// ("12.5"), prices in USD per hour ("1.20"). --json prints machine-readable
// output; errors print one line saying what to fix and exit with status 1.
//
// `run` builds a fresh commander program per call, writes only through `io`
// and returns the exit status, so tests run the CLI in-process;
// app/bin/gpu-depin.js calls it with process.argv and exits with its status.
import { Command, CommanderError } from "commander";

import { describeError } from "../src";
import { adminCommands } from "./admin";
import { authorityCommands } from "./authority";
import { Cli, connect, GlobalOptions, Io, processIo, UsageError } from "./common";
import { delegatorCommands } from "./delegator";
import { devCommand } from "./dev";
import { nodesCommand } from "./nodes";
import { providerCommands } from "./provider";
import { renterCommands } from "./renter";

export type { Io };

const JSON_HELP =
  "print JSON instead of tables: every u64/i64/u128 (amounts in base units, micro-USD " +
  "prices, ids, timestamps) as a decimal string, public keys in base58";

function cliProgram(io: Io): Cli {
  const program = new Command();
  program
    .name("gpu-depin")
    .description(
      "GPU-compute DePIN market on Solana: staking, delegation, slashing and USD-priced rentals",
    )
    .option(
      "-u, --url <url>",
      "RPC URL (default: $ANCHOR_PROVIDER_URL, else the `make demo` validator, else http://127.0.0.1:8899)",
    )
    .option(
      "-k, --keypair <file>",
      "signer keypair file (default: $ANCHOR_WALLET, else ~/.config/solana/id.json)",
    )
    .option("--json", JSON_HELP, false)
    .option(
      "--priority-fee <microLamports>",
      'compute-unit price in micro-lamports, or "auto": recent fees for the accounts written on a ' +
        "remote cluster, none on a local validator (default auto)",
    )
    .addHelpText(
      "after",
      "\nArguments: amounts in whole tokens (12.5), prices in USD per hour (1.20), durations\n" +
        "like 90s, 30m, 2h or 1d. With --json, 64- and 128-bit integers print as decimal\n" +
        'strings, exact past 2^53 ("deposited": "1002004009"), never as JSON numbers or hex.\n',
    )
    .showHelpAfterError()
    // Settings above are inherited by the sub-commands added below.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  const cli: Cli = {
    program,
    io,
    context: () => connect(program.opts<GlobalOptions>(), io),
  };
  adminCommands(cli);
  providerCommands(cli);
  delegatorCommands(cli);
  renterCommands(cli);
  authorityCommands(cli);
  nodesCommand(cli);
  devCommand(cli);
  return cli;
}

/**
 * Runs the CLI on `argv` (as process.argv: node, script, then the arguments)
 * and resolves to the exit status: 0, or 1 after one `error: ...` line.
 */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const { program } = cliProgram(io);
  try {
    await program.parseAsync(argv, { from: "node" });
    return 0;
  } catch (e) {
    // Commander has printed its own message (usage error) or the help.
    if (e instanceof CommanderError) return e.exitCode;
    const msg = e instanceof UsageError ? e.message : describeError(e);
    io.err(`error: ${msg}\n`);
    if (process.env.GPU_DEPIN_DEBUG) {
      const logs = (e as { logs?: string[] })?.logs ?? [];
      io.err(`${(e as Error)?.stack ?? String(e)}\n${logs.map((l) => `  ${l}\n`).join("")}`);
    }
    return 1;
  }
}
