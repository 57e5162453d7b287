// The SDK in a few lines: connect, read nodes, quote, rent, listen to events,
// read a transaction's events. Runs against the `make demo` validator:
//
//   npx ts-node -P tsconfig.json app/examples/quickstart.ts <renter-keypair.json>
//
// (`npx gpu-depin dev` writes a funded renter.json.) In an application,
// import from "@gpu-depin/sdk" instead of "../src".
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Connection, Keypair } from "@solana/web3.js";
import * as fs from "fs";

import { eventsNamed, GpuMarketClient, onEscrowEvent } from "../src";

async function main(): Promise<void> {
  const url = process.env.ANCHOR_PROVIDER_URL ?? "http://127.0.0.1:8899";
  const renter = Keypair.fromSecretKey(
    Uint8Array.from(JSON.parse(fs.readFileSync(process.argv[2] ?? "renter.json", "utf8"))),
  );
  // Connect: a provider whose wallet signs; program ids default to the bundled IDLs'.
  const provider = new AnchorProvider(new Connection(url, "confirmed"), new Wallet(renter), {
    commitment: "confirmed",
  });
  const client = new GpuMarketClient(provider /*, { nodeStaking, rentalEscrow } ids elsewhere */);

  // Read nodes: Active ones under $2/h, filtered on the RPC side.
  const nodes = await client.nodes({ status: "active", maxPriceMicroUsd: 2_000_000n });
  if (nodes.length === 0) throw new Error("no active node under $2/h: run make demo first");
  const node = nodes[0].publicKey;

  // Quote: tokens for one hour at the oracle's price (equal to the on-chain amount).
  const quote = await client.quote(node, 3_600n);
  console.log(`1 h on ${node.toBase58()}: ${quote.total} base units (fee ${quote.fee})`);

  // Listen to the escrow's events while renting.
  const stop = onEscrowEvent(client.programs.rentalEscrow, "rentalCreated", (e, slot) =>
    console.log(`event rentalCreated at slot ${slot}: rental ${e.rental.toBase58()}`),
  );

  // Rent, paying at most the quote plus 1 %.
  const built = await client.createRental({
    renter: renter.publicKey,
    node,
    durationSeconds: 3_600n,
    maxTokens: quote.total + quote.total / 100n,
  });
  const signature = await client.send([built], [], "createRental");
  console.log(`rented: ${built.accounts.rental.toBase58()} (${signature})`);

  // The typed events of that transaction, both programs (CPIs included).
  const events = await client.transactionEvents(signature);
  console.log(
    `rentalCreated events in it: ${eventsNamed(events, "rentalEscrow", "rentalCreated").length}`,
  );
  await new Promise((r) => setTimeout(r, 1_000));
  await stop();
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
