// IDL freshness gate (run by the README's test command after the build): the
// IDLs and TS types committed in app/src/idl (what the SDK package ships)
// must equal what a fresh `anchor build` wrote to target/idl and
// target/types, byte for byte.
//
//   npx ts-node -P tsconfig.json scripts/check-idl.ts            check
//   npx ts-node -P tsconfig.json scripts/check-idl.ts --update   copy target/ → app/src/idl
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PROGRAMS = ["node_staking", "rental_escrow"];
const UPDATE = "npx ts-node -P tsconfig.json scripts/check-idl.ts --update";

const rel = (p: string) => path.relative(ROOT, p);

/** The first differing line, for the message. */
function firstDifference(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      return `line ${i + 1}: committed ${JSON.stringify(la[i] ?? "<end of file>")}, built ${JSON.stringify(lb[i] ?? "<end of file>")}`;
    }
  }
  return "line endings differ";
}

function main(): void {
  const update = process.argv.includes("--update");
  const pairs = PROGRAMS.flatMap((name) => [
    {
      built: path.join(ROOT, "target", "idl", `${name}.json`),
      committed: path.join(ROOT, "app", "src", "idl", `${name}.json`),
    },
    {
      built: path.join(ROOT, "target", "types", `${name}.ts`),
      committed: path.join(ROOT, "app", "src", "idl", `${name}.ts`),
    },
  ]);
  const problems: string[] = [];
  for (const { built, committed } of pairs) {
    if (!fs.existsSync(built)) {
      problems.push(`${rel(built)} is missing: build the programs first (make build)`);
      continue;
    }
    const fresh = fs.readFileSync(built, "utf8");
    const ours = fs.existsSync(committed) ? fs.readFileSync(committed, "utf8") : undefined;
    if (ours === fresh) continue;
    if (update) {
      fs.mkdirSync(path.dirname(committed), { recursive: true });
      fs.writeFileSync(committed, fresh);
      console.log(`updated ${rel(committed)} from ${rel(built)}`);
      continue;
    }
    problems.push(
      ours === undefined
        ? `${rel(committed)} is missing (the build wrote ${rel(built)})`
        : `${rel(committed)} differs from the fresh build's ${rel(built)} (${firstDifference(ours, fresh)})`,
    );
  }
  if (problems.length) {
    for (const p of problems) console.error(`IDL check: ${p}`);
    console.error(
      `\nThe SDK ships app/src/idl; it is stale after a program change. Run \`${UPDATE}\`,` +
        " review and commit app/src/idl.",
    );
    process.exit(1);
  }
  if (!update) {
    console.log(
      `IDL check: app/src/idl matches target/idl and target/types (${PROGRAMS.join(", ")})`,
    );
  }
}

main();
