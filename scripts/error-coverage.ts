// Error coverage gate (run by the README's test command): every error of both
// programs' IDLs must be asserted by name in some test, so every rule has a
// test that breaks it. The short allow-list below names the errors no client
// can reach, each with the reason.
//
//   npx ts-node -P tsconfig.json scripts/error-coverage.ts
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** Errors no transaction can trigger: defence-in-depth checks of invariants. */
const UNREACHABLE: Record<string, Record<string, string>> = {
  node_staking: {
    ConfigInvariantViolated: "checked after every config write; each field is validated first",
    NodeInvariantViolated:
      "checked after every node write; the fuzzer (tests/fuzz) hunts for a counterexample",
    MathOverflow:
      "checked arithmetic on values bounded by u64 token supplies; u128 paths are covered by proptest",
  },
  rental_escrow: {
    ConfigInvariantViolated: "checked after every config write; each field is validated first",
    RentalInvariantViolated:
      "checked after every rental write; the fuzzer (tests/fuzz) hunts for a counterexample",
  },
};

function testSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testSources(p));
    else if (entry.name.endsWith(".ts")) out.push(fs.readFileSync(p, "utf8"));
  }
  return out;
}

function main(): void {
  const sources = testSources(path.join(ROOT, "tests")).join("\n");
  let missing = 0;
  let total = 0;
  for (const program of ["node_staking", "rental_escrow"]) {
    const file = path.join(ROOT, "target", "idl", `${program}.json`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the build first`);
    const idl = JSON.parse(fs.readFileSync(file, "utf8")) as { errors?: { name: string }[] };
    const names = (idl.errors ?? []).map((e) => e.name);
    const allowed = UNREACHABLE[program] ?? {};
    for (const stale of Object.keys(allowed)) {
      if (!names.includes(stale)) {
        console.error(`${program}: allow-list names ${stale}, which the IDL no longer has`);
        missing++;
      }
    }
    const uncovered = names.filter(
      (n) => !(n in allowed) && !new RegExp(`["'\`]${n}["'\`]`).test(sources),
    );
    total += names.length;
    for (const n of uncovered) console.error(`${program}: no test asserts the error ${n}`);
    missing += uncovered.length;
    console.log(
      `${program}: ${names.length - uncovered.length - Object.keys(allowed).length} of ${
        names.length
      } errors asserted by a test, ${Object.keys(allowed).length} unreachable (allow-listed)`,
    );
  }
  if (missing > 0) {
    console.error(`error coverage: ${missing} problem(s) across ${total} errors`);
    process.exit(1);
  }
  console.log("error coverage: every reachable error is asserted by a test");
}

main();
