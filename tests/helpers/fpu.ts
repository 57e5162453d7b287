// Loads tools/fpu-reset (built by scripts/build.sh into target/native); see
// tools/fpu-reset/fpu_reset.c for why LiteSVM needs an EMMS after each call.
import * as fs from "fs";
import * as path from "path";

const ADDON = path.resolve(__dirname, "..", "..", "target", "native", "fpu_reset.node");

let addon: { reset(): void } | undefined;

export function resetFpu(): void {
  if (!addon) {
    if (!fs.existsSync(ADDON)) {
      throw new Error(`${ADDON} is missing: run the build first (make build)`);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    addon = require(ADDON) as { reset(): void };
  }
  addon.reset();
}
