// SBPF v3 smoke test (tools/sbf/README.md, "SBPF v3"): runs the same calls on
// a v0 and a v3 build of each program under LiteSVM 1.x (agave 4.3), whose
// loader accepts sbpf-linker's v3 layout, and prints units, return data and
// errors side by side. Our test suite's runtimes (agave 3.1.12, LiteSVM 0.8)
// refuse v3 files, so this is the only place they run.
//
//   cd tools/sbf/v3 && npm ci && node smoke.mjs <deploy-dir-v0> <deploy-dir-v3>
import fs from "fs";
import path from "path";
import { LiteSVM } from "litesvm";
import {
  address,
  appendTransactionMessageInstruction,
  createTransactionMessage,
  generateKeyPairSigner,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash,
  signTransactionMessageWithSigners,
} from "@solana/kit";

const PROBE = address("5NETkTP8jMSYGPXFGHokAicTXsfVDefdU8jYnsK9pn89");
const PROGRAMS = {
  node_staking: address("AJjQ7ZnNJMpupytfNmTxBtM3mHg9yNi3x14m5Yy2EPbE"),
  rental_escrow: address("H2NUcPQMPgYYhbzY8toBq5Nq1uZDaVunoSjzZBhGEA6e"),
};
const SYSTEM = address("11111111111111111111111111111111");
const disc = (bytes) => Buffer.from(bytes);
const u32 = (x) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(x);
  return b;
};
const u64 = (x) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(x);
  return b;
};
const i64 = (x) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(x);
  return b;
};
const u128 = (x) => Buffer.concat([u64(x & ((1n << 64n) - 1n)), u64(x >> 64n)]);

// sbf_probe calls (discriminators from its IDL) and one call per program
// with an unknown discriminator (Anchor's InstructionFallbackNotFound, 101).
const probeCases = [
  ["grow_vec(1000)", () => [disc([176, 172, 171, 117, 21, 188, 87, 51]), u32(1000)]],
  [
    "mul_div(large)",
    () => [
      disc([72, 238, 64, 130, 190, 10, 150, 163]),
      u128((1n << 64n) - 3n),
      u128((1n << 63n) + 12345n),
      u128((1n << 64n) - 59n),
    ],
  ],
  [
    "math",
    () => [
      disc([92, 2, 14, 244, 51, 191, 200, 10]),
      u128(123456789012345678901234n),
      u128(98765432109876n),
      u128(777777777n),
      i64(-123456789n),
      i64(987654n),
    ],
  ],
  ["create_account (system CPI)", "create"],
  ["fail_custom", () => [disc([57, 126, 124, 234, 203, 89, 248, 199])]],
];

async function run(svm, payer, program, data, accounts) {
  const msg = pipe(
    createTransactionMessage({ version: 0 }),
    (m) => setTransactionMessageFeePayerSigner(payer, m),
    (m) =>
      setTransactionMessageLifetimeUsingBlockhash(
        { blockhash: svm.latestBlockhash(), lastValidBlockHeight: 1000n },
        m,
      ),
    (m) => appendTransactionMessageInstruction({ programAddress: program, accounts, data }, m),
  );
  const r = svm.sendTransaction(await signTransactionMessageWithSigners(msg));
  svm.expireBlockhash();
  if (typeof r.err === "function") {
    const logs = r.meta().logs();
    return `failed: ${String(r.err())}; ${logs.find((l) => l.includes("Error Code")) ?? logs.at(-1)}`;
  }
  const ret = Buffer.from(r.returnData().data()).toString("hex");
  return `ok, ${r.computeUnitsConsumed()} CU, return ${ret || "-"}`;
}

const rows = [];
for (const dir of process.argv.slice(2)) {
  const svm = new LiteSVM();
  const payer = await generateKeyPairSigner();
  svm.airdrop(payer.address, lamports(1_000_000_000n));
  const load = (id, name) => {
    try {
      svm.addProgram(id, fs.readFileSync(path.join(dir, `${name}.so`)));
      return undefined;
    } catch (e) {
      return `load failed: ${e.message}`;
    }
  };
  const probeErr = load(PROBE, "sbf_probe");
  for (const [name, make] of probeCases) {
    let result = probeErr;
    if (!result) {
      let data,
        accounts = [];
      if (make === "create") {
        const acct = await generateKeyPairSigner();
        data = Buffer.concat([disc([99, 20, 130, 119, 196, 235, 131, 149]), u64(100n)]);
        accounts = [
          { address: payer.address, role: 3, signer: payer },
          { address: acct.address, role: 3, signer: acct },
          { address: SYSTEM, role: 0 },
        ];
      } else data = Buffer.concat(make());
      result = await run(svm, payer, PROBE, data, accounts);
    }
    rows.push([dir, `sbf_probe ${name}`, result]);
  }
  for (const [name, id] of Object.entries(PROGRAMS)) {
    const err = load(id, name);
    rows.push([
      dir,
      `${name} unknown instruction`,
      err ?? (await run(svm, payer, id, Buffer.alloc(8), [])),
    ]);
  }
}
for (const [dir, what, result] of rows) console.log(`${path.basename(dir)}\t${what}\t${result}`);
