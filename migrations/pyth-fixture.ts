// The local (localnet-only) Pyth-format price fixture encoder, shared with the
// tests. Devnet and mainnet migrations never use it.
export { encodePythLegacyPrice, PYTH_LEGACY_PRICE_ACCOUNT_SIZE } from "../tests/helpers/pyth";
