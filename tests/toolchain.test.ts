// The SBF toolchain (tools/sbf) must compile everything Anchor programs use.
// These tests execute the test-only sbf_probe program on the Solana runtime and
// check each result against an independent computation in TypeScript.
import { BN } from "@coral-xyz/anchor";
import {
  getAccount as getTokenAccount,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, Transaction } from "@solana/web3.js";
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

import {
  expectAnchorError,
  expectFailureWithLog,
  snapshot,
  expectUnchanged,
} from "./helpers/assertions";
import {
  createContext,
  DEPLOY_DIR,
  getAccount,
  lastTransaction,
  TestContext,
} from "./helpers/context";
import { recordCase, topLevelSamples } from "./helpers/cu-log";
import { createMint, fundTokenAccount } from "./helpers/tokens";

const U128_MAX = (1n << 128n) - 1n;
const bn = (v: bigint) => new BN(v.toString());
const big = (v: BN) => BigInt(v.toString());

// Deterministic pseudo-random bigints (xorshift), so failures are reproducible.
function rng(seed: bigint) {
  let s = seed;
  return (bits: number): bigint => {
    let out = 0n;
    for (let i = 0; i < bits; i += 32) {
      s ^= (s << 13n) & 0xffffffffffffffffn;
      s ^= s >> 7n;
      s ^= (s << 17n) & 0xffffffffffffffffn;
      out = (out << 32n) | (s & 0xffffffffn);
    }
    return out & ((1n << BigInt(bits)) - 1n);
  };
}

// Rust's truncating signed division on BigInt (BigInt `/` truncates too).
const tdiv = (a: bigint, b: bigint) => a / b;
const trem = (a: bigint, b: bigint) => a % b;

/**
 * The dynamic relocations of an SBPF v0 ELF, counted by kind: syscall calls
 * (R_BPF_64_32, by symbol name) and R_BPF_64_RELATIVE (read-only data
 * addresses, which sbf-elf applies at link time instead).
 */
function relocations(elf: Buffer): { syscalls: Map<string, number>; relative: number } {
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      type: elf.readUInt32LE(at + 4),
      offset: Number(elf.readBigUInt64LE(at + 0x18)),
      size: Number(elf.readBigUInt64LE(at + 0x20)),
      link: elf.readUInt32LE(at + 0x28),
    };
  };
  const syscalls = new Map<string, number>();
  let relative = 0;
  for (let i = 0; i < shnum; i++) {
    const rel = section(i);
    if (rel.type !== 9) continue; // SHT_REL
    const symtab = section(rel.link);
    const strtab = section(symtab.link);
    for (let at = rel.offset; at < rel.offset + rel.size; at += 16) {
      const info = elf.readBigUInt64LE(at + 8);
      const kind = Number(info & 0xffffffffn);
      const symbol = Number(info >> 32n);
      if (kind === 8) relative++;
      if (kind !== 10 || symbol === 0) continue; // R_BPF_64_32
      const nameAt = strtab.offset + elf.readUInt32LE(symtab.offset + symbol * 24);
      const name = elf.toString("latin1", nameAt, elf.indexOf(0, nameAt));
      syscalls.set(name, (syscalls.get(name) ?? 0) + 1);
    }
  }
  return { syscalls, relative };
}

describe("toolchain: SBF programs built by tools/sbf execute correctly", () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await createContext();
  });

  it("creates an account through a system-program CPI and logs a formatted number", async () => {
    const newAccount = Keypair.generate();
    await ctx.probe.methods
      .createAccount(new BN(42))
      .accounts({ payer: ctx.payer.publicKey, newAccount: newAccount.publicKey })
      .signers([newAccount])
      .rpc();
    const acc = await getAccount(ctx, newAccount.publicKey);
    expect(acc, "account created").to.not.equal(null);
    expect(acc!.data.length).to.equal(42);
    expect(acc!.owner.toBase58()).to.equal(ctx.probe.programId.toBase58());
    const rent = await ctx.connection.getMinimumBalanceForRentExemption(42);
    expect(acc!.lamports).to.equal(rent);
    expect((await lastTransaction(ctx)).logs).to.include(
      `Program log: created account with 42 bytes and ${rent} lamports`,
    );
  });

  for (const [label, tokenProgram] of [
    ["SPL Token", TOKEN_PROGRAM_ID],
    ["Token-2022", TOKEN_2022_PROGRAM_ID],
  ] as const) {
    it(`moves tokens with an SPL transfer_checked CPI (${label})`, async () => {
      const mint = await createMint(ctx, 6, tokenProgram);
      const from = await fundTokenAccount(ctx, mint, ctx.payer.publicKey, 1_000_000n, tokenProgram);
      const other = Keypair.generate().publicKey;
      const to = await fundTokenAccount(ctx, mint, other, 0n, tokenProgram);
      await ctx.probe.methods
        .transferTokens(new BN(250_000))
        .accounts({ authority: ctx.payer.publicKey, from, to, mint, tokenProgram })
        .rpc();
      const conn = ctx.provider.connection;
      expect((await getTokenAccount(conn, from, undefined, tokenProgram)).amount).to.equal(
        750_000n,
      );
      expect((await getTokenAccount(conn, to, undefined, tokenProgram)).amount).to.equal(250_000n);
      expect((await lastTransaction(ctx)).logs).to.include(
        "Program log: transferred 250000 base units",
      );
    });
  }

  it("a failed CPI (insufficient tokens) changes nothing", async () => {
    const mint = await createMint(ctx, 0);
    const from = await fundTokenAccount(ctx, mint, ctx.payer.publicKey, 5n);
    const to = await fundTokenAccount(ctx, mint, Keypair.generate().publicKey, 0n);
    const before = await snapshot(ctx, [from, to]);
    await expectFailureWithLog(
      ctx.probe.methods
        .transferTokens(new BN(6))
        .accounts({
          authority: ctx.payer.publicKey,
          from,
          to,
          mint,
          tokenProgram: TOKEN_PROGRAM_ID,
        })
        .rpc(),
      "insufficient funds",
    );
    await expectUnchanged(ctx, before);
  });

  it("u128 multiply/divide, signed division, i128, variable shifts and f64 match BigInt", async () => {
    const next = rng(0x5eed_1234_abcdn);
    const cases: { a: bigint; b: bigint; c: bigint; x: bigint; y: bigint }[] = [
      { a: 10n ** 30n, b: 3n, c: 7n, x: -17n, y: 5n },
      { a: U128_MAX, b: 1n, c: 1n, x: 9_223_372_036_854_775_807n, y: -1n },
      {
        a: (1n << 100n) + 12345n,
        b: 1n << 27n,
        c: (1n << 90n) + 7n,
        x: -9_223_372_036_854_775_807n,
        y: 2n,
      },
      { a: 123456789n, b: 987654321n, c: 4_294_967_297n, x: 0n, y: -3n },
    ];
    for (let i = 0; i < 24; i++) {
      const abits = 1 + Number(next(7) % 128n);
      const a = next(abits);
      const b = next(Math.max(1, 128 - abits));
      const c = 1n + next(1 + Number(next(7) % 128n));
      const x = next(64) - (1n << 63n);
      let y = next(1 + Number(next(6))) * (next(1) ? 1n : -1n);
      if (y === 0n) y = 7n;
      cases.push({ a, b, c: c > U128_MAX ? U128_MAX : c, x, y });
    }
    for (const { a, b, c, x, y } of cases) {
      const out = await ctx.probe.methods
        .math({ a: bn(a), b: bn(b), c: bn(c), x: bn(x), y: bn(y) })
        .view();
      const product = a * b;
      expect(product <= U128_MAX, "test case keeps a*b in u128").to.equal(true);
      expect(big(out.mulDiv)).to.equal(product / c, `mul_div ${a}*${b}/${c}`);
      expect(big(out.quotient)).to.equal(a / c);
      expect(big(out.remainder)).to.equal(a % c);
      expect(big(out.signedQuotient)).to.equal(tdiv(x, y), `${x}/${y}`);
      expect(big(out.signedRemainder)).to.equal(trem(x, y), `${x}%${y}`);
      const sign = y > 0n ? 1n : -1n;
      expect(big(out.wideSigned)).to.equal(tdiv(x * y, sign * 3n), `wide ${x}*${y}`);
      expect(big(out.shifted)).to.equal(a >> c % 128n);
      const abs = x < 0n ? -x : x;
      expect(big(out.floatScaled)).to.equal(BigInt(Math.trunc(Number(abs) * 1.5)), `float ${abs}`);
    }
  });

  it("u128 mul_div (one helper call for quotient and remainder) matches BigInt on edge and random operands", async () => {
    const P32 = 1n << 32n;
    const P64 = 1n << 64n;
    const edges = [0n, 1n, 2n, P32 - 1n, P32, P32 + 1n, P64 - 1n, P64, P64 + 1n, U128_MAX];
    const cases: [bigint, bigint, bigint][] = [];
    for (const a of edges) for (const c of edges) if (c !== 0n) cases.push([a, 1n, c]);
    for (const a of edges)
      for (const b of edges) if (a * b <= U128_MAX) cases.push([a, b, (P64 - 1n) * 1_000_003n]);
    const next = rng(0xd1f_0128n);
    for (let i = 0; i < 40; i++) {
      const abits = 1 + Number(next(7) % 128n);
      const a = next(abits);
      const b = next(Math.max(1, 128 - abits));
      cases.push([a, b, 1n + next(1 + Number(next(7) % 127n))]);
    }
    for (const [a, b, c] of cases) {
      const out = await ctx.probe.methods.mulDiv(bn(a), bn(b), bn(c)).view();
      expect(big(out.quotient)).to.equal((a * b) / c, `${a}*${b}/${c}`);
      expect(big(out.remainder)).to.equal((a * b) % c, `${a}*${b}%${c}`);
    }
    // The arithmetic's own compute units, for `make bench`.
    const measured: [string, bigint, bigint, bigint][] = [
      ["u128 mul_div, divisor < 2^32", 3n * 10n ** 18n, 7n * 10n ** 12n, 1_000_003n],
      ["u128 mul_div, 2^32 <= divisor < 2^64", 3n * 10n ** 18n, 7n * 10n ** 12n, 10n ** 12n + 7n],
      ["u128 mul_div, divisor >= 2^64", 3n * 10n ** 18n, 7n * 10n ** 12n, (1n << 70n) + 3n],
      ["u128 mul_div, large operands (a, b, c near 2^64)", P64 - 59n, P64 - 83n, P64 - 95n],
      ["u128 mul_div, large operands, divisor >= 2^64", P64 - 59n, P64 - 83n, (1n << 100n) + 7n],
    ];
    for (const [label, a, b, c] of measured) {
      await ctx.probe.methods.mulDiv(bn(a), bn(b), bn(c)).rpc();
      // Three "units remaining" lines bracket the arithmetic; the first pair
      // measures the logging syscall itself.
      const left = (await lastTransaction(ctx)).logs
        .map((l) => /^Program consumption: (\d+) units remaining$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]));
      expect(left).to.have.length(3);
      recordCase("sbf_probe", "mul_div", label, left[1] - left[2] - (left[0] - left[1]));
    }
  });

  it("u128 division by zero keeps Rust's check: the program panics", async () => {
    const probeId = ctx.probe.programId.toBase58();
    for (const a of [0n, 7n, U128_MAX]) {
      await expectFailureWithLog(
        ctx.probe.methods.mulDiv(bn(a), bn(1n), bn(0n)).rpc(),
        `Program ${probeId} failed: SBF program panicked`,
      );
    }
  });

  it("u128 overflow returns the program's named error", async () => {
    await expectAnchorError(
      ctx.probe.methods
        .math({ a: bn(1n << 64n), b: bn(1n << 64n), c: bn(1n), x: bn(1n), y: bn(1n) })
        .rpc(),
      "Overflow",
    );
  });

  it("a Vec grows across reallocations and sums correctly", async () => {
    for (const n of [0, 1, 17, 1000]) {
      const sum = await ctx.probe.methods.growVec(n).view();
      let expected = 0n;
      for (let i = 0n; i < BigInt(n); i++) expected += i * i;
      expect(big(sum)).to.equal(expected);
    }
    await ctx.probe.methods.growVec(1000).rpc();
    expect((await lastTransaction(ctx)).logs).to.include(
      "Program log: vec of 1000 entries sums to 332833500",
    );
  });

  it("the bench's CU log attributes a transaction's units to its top-level instructions", async () => {
    const mint = await createMint(ctx, 6, TOKEN_PROGRAM_ID);
    const from = await fundTokenAccount(ctx, mint, ctx.payer.publicKey, 1_000n);
    const to = await fundTokenAccount(ctx, mint, Keypair.generate().publicKey, 0n);
    await ctx.probe.methods
      .transferTokens(new BN(10))
      .accounts({ authority: ctx.payer.publicKey, from, to, mint, tokenProgram: TOKEN_PROGRAM_ID })
      .rpc();
    const tx = await lastTransaction(ctx);
    // One top-level instruction; its token CPI is listed with its own units.
    const samples = topLevelSamples(tx.logs);
    expect(samples).to.have.length(1);
    const [sample] = samples;
    expect(sample).to.include({
      programId: ctx.probe.programId.toBase58(),
      instruction: "TransferTokens",
      computeUnits: tx.computeUnits,
    });
    // (LiteSVM's token program logs no instruction name, the validator's does.)
    expect(sample.cpis.map((c) => c.programId)).to.deep.equal([TOKEN_PROGRAM_ID.toBase58()]);
    expect(sample.cpis[0].computeUnits).to.be.within(1, tx.computeUnits - 1);
  });

  it("returns a named Anchor error to the client", async () => {
    const err = await expectAnchorError(ctx.probe.methods.failCustom().rpc(), "DeliberateFailure");
    expect(err.error.errorCode.number).to.equal(6000);
    expect(err.error.errorMessage).to.equal("Deliberate failure for the toolchain test");
  });

  it("a panic aborts the program and fails the transaction", async () => {
    const probeId = ctx.probe.programId.toBase58();
    const logs = await expectFailureWithLog(
      ctx.probe.methods.panicNow(new BN(7)).rpc(),
      `Program ${probeId} failed: SBF program panicked`,
    );
    expect(logs.some((l) => l.includes(`Program ${probeId} success`))).to.equal(false);
    // The same instruction with the non-panicking argument succeeds.
    await ctx.probe.methods.panicNow(new BN("18446744073709551615")).rpc();
  });

  it("v0 files carry one relocation per syscall and none for read-only data (sbf-ld, sbf-elf)", () => {
    for (const program of ["node_staking", "rental_escrow", "sbf_probe"]) {
      const elf = fs.readFileSync(path.join(DEPLOY_DIR, `${program}.so`));
      if (elf.readUInt32LE(0x30) === 3) continue; // e_flags 3: SBPF v3 has no relocations
      const { syscalls, relative } = relocations(elf);
      // Every call goes through one local trampoline per syscall.
      expect(syscalls.get("abort"), `${program}: abort`).to.equal(1);
      expect(syscalls.get("sol_log_"), `${program}: sol_log_`).to.equal(1);
      for (const [name, n] of syscalls) expect(n, `${program}: ${name}`).to.equal(1);
      // The loader's R_BPF_64_RELATIVE fix-ups are already in the file.
      expect(relative, `${program}: relative relocations`).to.equal(0);
    }
  });

  it("the programs stay within issue 14's size goal (450,000 and 350,000 bytes)", () => {
    // A guard for the toolchain's size passes (sbf-cold-errors matches
    // Anchor's functions by name, and would silently match nothing after a
    // mangling or Anchor change): each lost pass puts a program over.
    const size = (program: string) => fs.statSync(path.join(DEPLOY_DIR, `${program}.so`)).size;
    expect(size("node_staking")).to.be.at.most(450_000);
    expect(size("rental_escrow")).to.be.at.most(350_000);
  });

  it("rejects a transaction that uses an unknown instruction", async () => {
    const ix = await ctx.probe.methods.failCustom().instruction();
    ix.data = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    await expectFailureWithLog(
      ctx.provider.sendAndConfirm(new Transaction().add(ix)),
      "Error Code: InstructionFallbackNotFound",
    );
  });
});
