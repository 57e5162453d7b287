// Preloaded by `make cu` (mocha --require): makes the suites' random inputs
// repeatable, so that two CU logs can be compared transaction by transaction.
// Keypair.generate, Math.random and Date.now drive the accounts, ids and
// evidence hashes the tests create, hence the PDA bumps that
// find_program_address searches (~1.5k CU per bump step). Here, for callers
// in tests/ and app/ (not mocha, ts-node or libraries, whose number of calls
// depends on compile caches and timing), Math.random comes from a seeded
// generator (SBF_CU_SEED) and Date.now starts at a fixed instant and advances
// 1 ms per call; Keypair.generate (and Ed25519 generateKeyPairSync) is always seeded. Only for measurement
// runs: the suites themselves run with real randomness.
"use strict";
const crypto = require("crypto");
const path = require("path");
const web3 = require("@solana/web3.js");

const seed = process.env.SBF_CU_SEED || "sbf-cu";
const repo = path.resolve(__dirname, "..", "..", "..");
const ours = [path.join(repo, "tests") + path.sep, path.join(repo, "app") + path.sep];

// Whether the function calling the patched one lives in tests/ or app/.
function calledFromSuite() {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 3;
  const stack = new Error().stack || "";
  Error.stackTraceLimit = saved;
  const caller = stack.split("\n")[3] || "";
  return ours.some((dir) => caller.includes(dir));
}

let keys = 0;
web3.Keypair.generate = function generate() {
  const s = crypto.createHash("sha256").update(`${seed}:keypair:${keys++}`).digest();
  return web3.Keypair.fromSeed(s);
};

// tests/helpers/litesvm-provider.ts's nativeKeypair (the 1 000-delegator
// slash test's wallets) takes its keys from Node's generateKeyPairSync, not
// Keypair.generate: seed those Ed25519 keys too, or that test's delegation
// and token-account PDA bumps (hence its Delegate CU) change on every run.
const realGenerateKeyPairSync = crypto.generateKeyPairSync;
const pkcs8Ed25519 = Buffer.from("302e020100300506032b657004220420", "hex");
let nativeKeys = 0;
crypto.generateKeyPairSync = function generateKeyPairSync(type, options) {
  if (type !== "ed25519" || options !== undefined) return realGenerateKeyPairSync.apply(this, arguments);
  const s = crypto.createHash("sha256").update(`${seed}:native-keypair:${nativeKeys++}`).digest();
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([pkcs8Ed25519, s]), format: "der", type: "pkcs8" });
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
};

// mulberry32, seeded from the same seed.
const realRandom = Math.random;
let state = crypto.createHash("sha256").update(`${seed}:random`).digest().readUInt32LE(0);
Math.random = function random() {
  if (!calledFromSuite()) return realRandom();
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const realNow = Date.now;
let now = Date.UTC(2027, 0, 1);
Date.now = function deterministicNow() {
  return calledFromSuite() ? now++ : realNow();
};
