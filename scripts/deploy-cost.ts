// What deploying the two programs costs, from the built .so sizes and the
// rent rule (rent-exempt minimum = (bytes + 128) × 6 960 lamports):
//   - the ProgramData account: 45-byte header + the program (max length =
//     the program's size, as `solana program deploy` sets it), kept;
//   - the Program account: 36 bytes, kept;
//   - the upload buffer: 37-byte header + the program, refunded after the
//     deploy (but it must be funded while the upload runs).
//
//   npx ts-node -P tsconfig.json scripts/deploy-cost.ts [--json]
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const LAMPORTS_PER_BYTE_YEAR = 3480;
const EXEMPTION_YEARS = 2;
const ACCOUNT_OVERHEAD = 128;
const rent = (bytes: number) =>
  (bytes + ACCOUNT_OVERHEAD) * LAMPORTS_PER_BYTE_YEAR * EXEMPTION_YEARS;
const sol = (lamports: number) => lamports / 1e9;

export interface DeployCost {
  program: string;
  bytes: number;
  /** Rent kept by the ProgramData and Program accounts, SOL. */
  keptSol: number;
  /** Rent of the upload buffer, refunded once the deploy completes, SOL. */
  bufferSol: number;
}

export function deployCosts(programs = ["node_staking", "rental_escrow"]): DeployCost[] {
  return programs.map((program) => {
    const so = path.join(ROOT, "target", "deploy", `${program}.so`);
    if (!fs.existsSync(so)) throw new Error(`${so} missing: run make build`);
    const bytes = fs.statSync(so).size;
    return {
      program,
      bytes,
      keptSol: sol(rent(45 + bytes) + rent(36)),
      bufferSol: sol(rent(37 + bytes)),
    };
  });
}

if (require.main === module) {
  const costs = deployCosts();
  if (process.argv.includes("--json")) {
    console.log(JSON.stringify(costs, null, 2));
  } else {
    for (const c of costs) {
      console.log(
        `${c.program.padEnd(14)} ${c.bytes.toLocaleString("en-US").padStart(10)} B  ` +
          `rent kept ${c.keptSol.toFixed(3)} SOL, upload buffer ${c.bufferSol.toFixed(3)} SOL (refunded)`,
      );
    }
    const kept = costs.reduce((s, c) => s + c.keptSol, 0);
    const peak = kept + Math.max(...costs.map((c) => c.bufferSol));
    console.log(
      `both: ${kept.toFixed(3)} SOL kept; about ${peak.toFixed(3)} SOL needed at the peak ` +
        "(deploying one program at a time), plus transaction fees",
    );
  }
}
