// Starts and stops a real `solana-test-validator` on loopback: free ports,
// ledger in a temporary folder, log kept in target/localnet/, and the run's
// wallet as the genesis mint (so it holds the SOL it needs without airdrops).
import { ChildProcess, spawn } from "child_process";
import { Connection, Keypair } from "@solana/web3.js";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

import {
  LOCAL_SPONSORED_FEED_ACCOUNT,
  localSponsoredFeedGenesis,
} from "../../migrations/pyth-fixture";

export interface Localnet {
  url: string;
  pid: number;
  ledger: string;
  logFile: string;
  walletFile: string;
  wallet: Keypair;
  /** Milliseconds from spawn until the RPC answered and slots advanced. */
  startupMs: number;
  process?: ChildProcess;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen({ port, host: "127.0.0.1" }, () => srv.close(() => resolve(true)));
  });
}

async function rangeFree(base: number, count: number): Promise<boolean> {
  for (let p = base; p < base + count; p++) if (!(await portFree(p))) return false;
  return true;
}

/**
 * A base port with `count` consecutive free ports after it, below Linux's
 * default ephemeral range (32768-60999): ports the kernel hands to sockets
 * bound to port 0 (every running validator opens many) never take it.
 */
async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10000 + Math.floor(Math.random() * (32768 - 10000 - count));
    if (await rangeFree(base, count)) return base;
  }
  throw new Error("no free port range found on 127.0.0.1");
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The Pyth programs' addresses, where localnet runs the Pyth stand-in. */
export const PYTH_ADDRESSES = [
  "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ", // receiver (pull oracle)
  "FsJ3A3u2vn5cTVofAjvy6y5kkfAnkzGZBGq9v1ohhAgh", // legacy oracle, mainnet
  "gSbePebfvPy7tRqimPoVecS2UsBvYv46ynrzWocc92s", // legacy oracle, devnet
];

/**
 * Genesis arguments that load the TEST FIXTURE tests/fixtures/pyth-oracle-fixture
 * at the Pyth programs' addresses (localnet only: the tests and the demo
 * publish Pyth-format prices through it).
 */
export function pythFixtureArgs(repoRoot: string): string[] {
  const so = path.join(repoRoot, "target", "deploy", "pyth_oracle_fixture.so");
  if (!fs.existsSync(so)) throw new Error(`${so} missing: run make build`);
  // TEST FIXTURE: the local pull feed's sponsored account (migrations/pyth-fixture.ts).
  const g = localSponsoredFeedGenesis();
  const accountFile = path.join(repoRoot, "target", "deploy", "pyth-local-sponsored-feed.json");
  fs.writeFileSync(
    accountFile,
    JSON.stringify({
      pubkey: LOCAL_SPONSORED_FEED_ACCOUNT.toBase58(),
      account: {
        lamports: g.lamports,
        data: [Buffer.alloc(g.space).toString("base64"), "base64"],
        owner: g.owner.toBase58(),
        executable: false,
        rentEpoch: 0,
        space: g.space,
      },
    }),
  );
  return [
    ...PYTH_ADDRESSES.flatMap((address) => ["--bpf-program", address, so]),
    "--account",
    LOCAL_SPONSORED_FEED_ACCOUNT.toBase58(),
    accountFile,
  ];
}

export function validatorBinary(): string {
  return process.env.SOLANA_TEST_VALIDATOR ?? "solana-test-validator";
}

/**
 * True when the validator on PATH is the build tools/setup.sh makes
 * (tools/validator/README.md): its banking threads block when idle instead
 * of spinning, so several can share a small machine. A stock agave keeps
 * about 1.5 cores busy per idle validator.
 */
export function validatorIdles(): boolean {
  const bin = validatorBinary();
  const found = path.isAbsolute(bin)
    ? bin
    : (process.env.PATH ?? "")
        .split(path.delimiter)
        .map((dir) => path.join(dir, bin))
        .find((f) => fs.existsSync(f));
  return found !== undefined && /\/agave-[^/]*-idle-[0-9a-f]+\//.test(fs.realpathSync(found));
}

export interface StartOptions {
  /** Where the log and wallet go (default target/localnet). */
  stateDir: string;
  /** Keep running after this process exits (README command 1). */
  detached?: boolean;
  /**
   * Use this RPC port (and the 39 after it) when they are free, else a random
   * free range. The demo asks for 8899, the port Anchor and the Solana CLI
   * call "localnet"; the test runner takes a random range so it never collides.
   */
  preferredRpcPort?: number;
  /** Extra validator arguments (e.g. --bpf-program). */
  extraArgs?: string[];
  /**
   * Programs put in the genesis under the upgradeable loader, with the run's
   * wallet as their upgrade authority (what a deploy by that wallet leaves).
   */
  genesisPrograms?: { programId: string; soPath: string }[];
  /** Ticks per slot (default 64: 400 ms slots); fewer make slots, and confirmations, faster. */
  ticksPerSlot?: number;
  timeoutMs?: number;
}

/** A start-up that failed because a port was taken meanwhile (another validator starting). */
class PortTaken extends Error {}

/**
 * Starts a validator on a free port range. Validators started at the same
 * time (the suite's shards) can pick overlapping ranges between the check
 * and the bind; a start-up that fails on a taken port is retried on a new
 * range (3 attempts).
 */
export async function startValidator(opts: StartOptions): Promise<Localnet> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, attempt > 1);
    } catch (e) {
      if (!(e instanceof PortTaken) || attempt === 3) throw e;
    }
  }
}

async function startOnce(opts: StartOptions, anyPort: boolean): Promise<Localnet> {
  fs.mkdirSync(opts.stateDir, { recursive: true });
  const ledger = fs.mkdtempSync(path.join(os.tmpdir(), "gpu-depin-ledger-"));
  const wallet = Keypair.generate();
  const walletFile = path.join(opts.stateDir, "wallet.json");
  fs.writeFileSync(walletFile, JSON.stringify(Array.from(wallet.secretKey)));
  const logFile = path.join(opts.stateDir, "validator.log");

  // rpc, rpc+1 (websocket), faucet, gossip, then the dynamic range.
  const base =
    !anyPort && opts.preferredRpcPort !== undefined && (await rangeFree(opts.preferredRpcPort, 40))
      ? opts.preferredRpcPort
      : await freePortRange(40);
  const rpcPort = base;
  const args = [
    "--ledger",
    ledger,
    "--reset",
    "--quiet",
    "--bind-address",
    "127.0.0.1",
    "--rpc-port",
    String(rpcPort),
    "--faucet-port",
    String(base + 2),
    "--gossip-port",
    String(base + 3),
    "--dynamic-port-range",
    `${base + 4}-${base + 39}`,
    "--mint",
    wallet.publicKey.toBase58(),
    "--limit-ledger-size",
    "50000000",
    ...(opts.ticksPerSlot ? ["--ticks-per-slot", String(opts.ticksPerSlot)] : []),
    ...(opts.genesisPrograms ?? []).flatMap((g) => [
      "--upgradeable-program",
      g.programId,
      g.soPath,
      wallet.publicKey.toBase58(),
    ]),
    ...(opts.extraArgs ?? []),
  ];
  const out = fs.openSync(logFile, "w");
  const started = Date.now();
  const child = spawn(validatorBinary(), args, {
    stdio: ["ignore", out, out],
    detached: opts.detached ?? false,
  });
  // The child has its own copy of the log descriptor; a retried start-up
  // must not leave this one open.
  fs.closeSync(out);
  if (opts.detached) child.unref();
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));

  const url = `http://127.0.0.1:${rpcPort}`;
  const connection = new Connection(url, "confirmed");
  const deadline = started + (opts.timeoutMs ?? 120_000);
  let firstSlot: number | undefined;
  for (;;) {
    if (exited !== null) {
      // --quiet: a panic goes to the ledger's own log.
      const ledgerLog = path.join(ledger, "validator.log");
      const tail = [logFile, ledgerLog]
        .filter((f) => fs.existsSync(f))
        .flatMap((f) => fs.readFileSync(f, "utf8").split("\n").slice(-20))
        .filter((l) => l.trim())
        .join("\n");
      fs.rmSync(ledger, { recursive: true, force: true });
      const message =
        `solana-test-validator exited with ${exited} during start-up; log: ${logFile}\n` + tail;
      throw /Address already in use/.test(tail) ? new PortTaken(message) : new Error(message);
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`solana-test-validator did not start within the timeout; log: ${logFile}`);
    }
    try {
      const slot = await connection.getSlot("confirmed");
      if (firstSlot === undefined) firstSlot = slot;
      // Still alive: the RPC that answered is this validator's, not one
      // another shard started on the same port.
      else if (slot > firstSlot && exited === null) break;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  return {
    url,
    pid: child.pid!,
    ledger,
    logFile,
    walletFile,
    wallet,
    startupMs: Date.now() - started,
    process: child,
  };
}

/** Stops the validator (SIGTERM, then SIGKILL) and removes its ledger. */
export async function stopValidator(net: Pick<Localnet, "pid" | "ledger">): Promise<void> {
  const alive = (): boolean => {
    try {
      process.kill(net.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) {
    process.kill(net.pid, "SIGTERM");
    for (let i = 0; i < 40 && alive(); i++) await sleep(250);
    if (alive()) process.kill(net.pid, "SIGKILL");
  }
  fs.rmSync(net.ledger, { recursive: true, force: true });
}
