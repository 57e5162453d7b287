// Deploy-time initialisation of both programs (idempotent; see migrate.ts).
//
//   anchor migrate                      Anchor calls the exported function
//   npx ts-node migrations/deploy.ts [--config <file>] [--allow-mainnet]
//                                       uses ANCHOR_PROVIDER_URL / ANCHOR_WALLET
// Mainnet-beta is refused unless --allow-mainnet (or MIGRATION_ALLOW_MAINNET=1).
import { AnchorProvider, Wallet } from "@coral-xyz/anchor";
import { Connection, Keypair } from "@solana/web3.js";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { migrate } from "./migrate";

module.exports = async function (provider: AnchorProvider): Promise<void> {
  await migrate(provider);
};

if (require.main === module) {
  const url = process.env.ANCHOR_PROVIDER_URL ?? "http://127.0.0.1:8899";
  const walletFile =
    process.env.ANCHOR_WALLET ?? path.join(os.homedir(), ".config", "solana", "id.json");
  const wallet = new Wallet(
    Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(walletFile, "utf8")))),
  );
  const provider = new AnchorProvider(new Connection(url, "confirmed"), wallet, {
    commitment: "confirmed",
  });
  const args = process.argv.slice(2);
  const configAt = args.indexOf("--config");
  const configFile = configAt >= 0 ? args[configAt + 1] : undefined;
  migrate(provider, console.log, configFile, args.includes("--allow-mainnet")).catch((e) => {
    console.error(`migration failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
