#!/usr/bin/env node
// `npx gpu-depin ...`: runs app/cli.ts through ts-node (type-checked by `make lint`).
const path = require("path");
require("ts-node").register({
  project: path.resolve(__dirname, "..", "..", "tsconfig.json"),
  transpileOnly: true,
});
require("../cli.ts");
