// Localnet only: switches the running `make demo` escrow to Pyth pull mode
// on the local test feed (its sponsored account is in the demo validator's
// genesis, owned by the receiver stand-in) and publishes a fresh price in
// it, so the CLI's pull-mode paths can be tried by hand:
//
//   npx ts-node -P tsconfig.json scripts/local-pull-mode.ts [usdPerToken]
//
// TEST FIXTURE: it writes through the Pyth stand-in; never on a real cluster.
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Connection, Keypair, PublicKey, Transaction } from "@solana/web3.js";
import * as fs from "fs";
import * as path from "path";

import { GpuMarketClient, isLocalUrl } from "../app/src";
import {
  fixtureWriteInstruction,
  LOCAL_PULL_FEED_ID,
  LOCAL_PYTH_RECEIVER,
  LOCAL_SPONSORED_FEED_ACCOUNT,
} from "../migrations/pyth-fixture";
import { encodePriceUpdateV2ByReceiverIdl } from "../tests/helpers/pyth";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const state = JSON.parse(
    fs.readFileSync(path.join(root, "target", "localnet", "state.json"), "utf8"),
  ) as { url: string };
  const url = process.env.ANCHOR_PROVIDER_URL ?? state.url;
  if (!isLocalUrl(url)) throw new Error(`${url} is not a local validator`);
  const walletFile =
    process.env.ANCHOR_WALLET ?? path.join(root, "target", "localnet", "wallet.json");
  const admin = Keypair.fromSecretKey(
    Uint8Array.from(JSON.parse(fs.readFileSync(walletFile, "utf8"))),
  );
  const provider = new AnchorProvider(new Connection(url, "confirmed"), new Wallet(admin), {
    commitment: "confirmed",
  });
  const client = new GpuMarketClient(provider);
  const usd = Number(process.argv[2] ?? "1.25");
  const price = BigInt(Math.round(usd * 1e8));

  await client.programs.rentalEscrow.methods
    .updateConfig({
      maxPriceAgeSeconds: null,
      maxPriceAgeSlots: null,
      maxConfidenceBps: null,
      maxEmaDivergenceBps: null,
      reservationFeeBps: null,
      claimHoldbackBps: null,
      disputeWindowSeconds: null,
      disputeTimeoutSeconds: null,
      minRentalSeconds: null,
      maxTotalRentalSeconds: null,
      disputeAuthority: null,
      oracle: {
        kind: { pythPull: {} },
        program: LOCAL_PYTH_RECEIVER,
        account: PublicKey.default,
        feedId: Array.from(LOCAL_PULL_FEED_ID),
      },
    } as never)
    .accountsPartial({ admin: admin.publicKey, newTreasury: null })
    .rpc();
  const slot = await provider.connection.getSlot("confirmed");
  const now = BigInt(
    (await provider.connection.getBlockTime(slot)) ?? Math.floor(Date.now() / 1000),
  );
  const bytes = await encodePriceUpdateV2ByReceiverIdl({
    price,
    conf: price / 1000n,
    expo: -8,
    publishTime: now,
    feedId: LOCAL_PULL_FEED_ID,
    postedSlot: BigInt(slot),
  });
  await provider.sendAndConfirm(
    new Transaction().add(
      fixtureWriteInstruction(LOCAL_PYTH_RECEIVER, LOCAL_SPONSORED_FEED_ACCOUNT, 0, bytes),
    ),
  );
  console.log(
    `escrow in pull mode (feed ${LOCAL_PULL_FEED_ID.toString("hex")}); ` +
      `$${usd} published in the sponsored account ${LOCAL_SPONSORED_FEED_ACCOUNT.toBase58()}`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
