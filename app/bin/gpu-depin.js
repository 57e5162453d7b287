#!/usr/bin/env node
// `npx gpu-depin ...`: runs app/cli (TypeScript) through ts-node (type-checked by `make lint`).
const path = require("path");
require("ts-node").register({
  project: path.resolve(__dirname, "..", "..", "tsconfig.json"),
  transpileOnly: true,
});
require("../cli")
  .run(process.argv)
  .then((code) => {
    // Exit once what was written has been flushed (and without waiting for idle sockets).
    process.stdout.write("", () => process.exit(code));
  });
