// @gpu-depin/sdk: typed clients for node_staking and rental_escrow. The one
// public entry point; the modules are split by program and concern:
//   client.ts   GpuMarketClient (composes the parts below)
//   programs.ts the bundled IDLs, Program clients, program-id overrides
//   pdas.ts     every PDA, seeds from the IDL constants
//   reads.ts    fetchers with memcmp filters (OFFSETS), pools, positions, quotes
//   staking.ts  node_staking builders        escrow.ts  rental_escrow builders
//   cluster.ts  cluster rentals              send.ts    sender, TransactionFailedError
//   quote.ts    the quote arithmetic, oracle readers
//   oracle.ts   which price account a rental reads (legacy, pull: sponsored or posted)
//   pyth-fresh.ts  fresh pull updates: fetch from Hermes, post fully verified, close
//   events.ts   subscriptions and the events of a transaction
//   errors.ts   describeError                common.ts  shared types and helpers
export * from "./client";
export * from "./cluster";
export * from "./common";
export * from "./errors";
export * from "./escrow";
export * from "./events";
export * from "./oracle";
export * from "./pdas";
export * from "./programs";
export * from "./pyth-fresh";
export * from "./quote";
export * from "./reads";
export * from "./send";
export * from "./staking";

// Re-exported for callers of the single-file client.
export { Keypair } from "@solana/web3.js";
export { TOKEN_PROGRAM_ID } from "@solana/spl-token";
