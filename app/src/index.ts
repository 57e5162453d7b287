// @gpu-depin/sdk: typed clients for node_staking and rental_escrow.
export * from "./client";
export * from "./errors";
export * from "./events";
export * from "./pdas";
export * from "./programs";
export * from "./quote";
