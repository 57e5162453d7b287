// The validator suite runs the programs from the genesis (fast start-up).
// This test proves the same bytes deploy through the upgradeable BPF loader
// (buffer, chunked writes, DeployWithMaxDataLen), as `make demo` and a devnet
// deploy do, and that the deployed program runs: an Anchor program deployed
// at another address answers DeclaredProgramIdMismatch.
import { Keypair, PublicKey, Transaction, TransactionInstruction } from "@solana/web3.js";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

import { deployUpgradeable } from "../scripts/lib/loader";
import { errorLogs } from "./helpers/assertions";
import { createContext, programDataAddress, REPO_ROOT, TestContext } from "./helpers/context";

describe("deploy: the shipped bytes through the upgradeable loader (validator)", function () {
  this.timeout(600_000);
  let ctx: TestContext;

  before(async function () {
    ctx = await createContext();
    if (ctx.svm) this.skip(); // LiteSVM loads the same files directly
  });

  it("node_staking.so deploys at a fresh address, byte for byte, and runs", async () => {
    const elf = fs.readFileSync(path.join(REPO_ROOT, "target", "deploy", "node_staking.so"));
    const program = Keypair.generate();
    const started = Date.now();
    const outcome = await deployUpgradeable(ctx.connection, ctx.payer, program, elf);
    console.log(`      deployed ${elf.length} bytes in ${Date.now() - started} ms`);
    expect(outcome).to.equal("deployed");
    const data = (await ctx.connection.getAccountInfo(programDataAddress(program.publicKey)))!.data;
    expect(data.subarray(45, 45 + elf.length).equals(elf)).to.equal(true);
    // The genesis copy the suite runs holds the very same bytes.
    const genesis = (await ctx.connection.getAccountInfo(
      programDataAddress(ctx.nodeStaking.programId),
    ))!.data;
    expect(genesis.subarray(45, 45 + elf.length).equals(elf)).to.equal(true);
    expect(new PublicKey(data.subarray(13, 45)).equals(ctx.payer.publicKey)).to.equal(true);
    // A program deployed in slot N runs from slot N + 1 on (the loader's
    // delayed visibility): until then the call fails before any program log.
    // Retry for a few seconds, each attempt a new transaction.
    const deadline = Date.now() + 20_000;
    let logs: string[] = [];
    for (let attempt = 0; ; attempt++) {
      // Distinct data per attempt (the same message twice would be a
      // duplicate); Anchor checks the program id before reading any data.
      const callData = Buffer.alloc(8);
      callData.writeUInt32LE(attempt + 1);
      const tx = new Transaction().add(
        new TransactionInstruction({ programId: program.publicKey, keys: [], data: callData }),
      );
      try {
        await ctx.provider.sendAndConfirm(tx);
        throw new Error("a call to the program at the wrong address succeeded");
      } catch (e) {
        logs = errorLogs(e);
        if (logs.some((l) => /DeclaredProgramIdMismatch|custom program error: 0x1004/.test(l)))
          break;
        if (Date.now() > deadline) {
          throw new Error(
            `no DeclaredProgramIdMismatch after deploy: ${String(e)}\n${logs.join("\n")}`,
          );
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(logs.join("\n")).to.match(/DeclaredProgramIdMismatch|custom program error: 0x1004/);
  });
});
