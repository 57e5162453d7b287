// Compute-unit log for `make bench`: when GPU_DEPIN_CU_LOG names a file, every
// successful transaction sent through the tests' provider (LiteSVM or
// validator) appends one JSON line per top-level instruction:
// { backend, programId, instruction, computeUnits }. The units come from
// the runtime's own "consumed" log line for that instruction (CPIs included).
// The suites then double as a CU sample of every instruction in every case they
// exercise; scripts/bench.ts aggregates the file. Off (a no-op) otherwise.
import * as fs from "fs";

export interface ComputeUnitSample {
  backend?: string;
  programId: string;
  instruction: string;
  computeUnits: number;
  /**
   * The instruction's direct CPIs, in order, each with its own units (its
   * nested CPIs included); `computeUnits` minus their sum is what the
   * program itself spent (CPI set-up, e.g. signer-seed checks, included).
   */
  cpis: { programId: string; instruction: string; computeUnits: number }[];
}

const INVOKE = /^Program (\w+) invoke \[(\d+)\]$/;
const NAME = /^Program log: Instruction: (\w+)$/;
const CONSUMED = /^Program (\w+) consumed (\d+) of \d+ compute units$/;
const END = /^Program (\w+) (success|failed)/;

/** Top-level instructions of one transaction's logs with their units. */
export function topLevelSamples(logs: string[]): ComputeUnitSample[] {
  const out: ComputeUnitSample[] = [];
  // One frame per invocation depth: program, its logged name, its CPIs.
  let stack: { programId: string; instruction?: string; cpis: ComputeUnitSample["cpis"] }[] = [];
  for (const line of logs) {
    const invoke = INVOKE.exec(line);
    if (invoke) {
      const depth = Number(invoke[2]);
      stack = [...stack.slice(0, depth - 1), { programId: invoke[1], cpis: [] }];
      continue;
    }
    const top = stack[stack.length - 1];
    const name = NAME.exec(line);
    if (name && top && !top.instruction) {
      top.instruction = name[1];
      continue;
    }
    const consumed = CONSUMED.exec(line);
    if (consumed && top && consumed[1] === top.programId) {
      const units = Number(consumed[2]);
      const instruction = top.instruction ?? "(unnamed)";
      if (stack.length === 1) {
        out.push({ programId: top.programId, instruction, computeUnits: units, cpis: top.cpis });
      } else {
        stack[stack.length - 2].cpis.push({
          programId: top.programId,
          instruction,
          computeUnits: units,
        });
      }
      continue;
    }
    if (END.test(line)) stack = stack.slice(0, -1);
  }
  return out;
}

export function recordComputeUnits(logs: string[]): void {
  const file = process.env.GPU_DEPIN_CU_LOG;
  if (!file) return;
  const backend = process.env.TEST_BACKEND ?? "litesvm";
  const lines = topLevelSamples(logs).map((s) => JSON.stringify({ backend, ...s }) + "\n");
  if (lines.length) fs.appendFileSync(file, lines.join(""));
}

/**
 * A labelled measurement (e.g. "slash of a node with 1 000 delegators"), shown
 * by `make bench` in its table of cases, one column per backend.
 */
export function recordCase(
  program: string,
  instruction: string,
  label: string,
  computeUnits: number,
): void {
  const file = process.env.GPU_DEPIN_CU_LOG;
  if (!file) return;
  const backend = process.env.TEST_BACKEND ?? "litesvm";
  fs.appendFileSync(
    file,
    JSON.stringify({ backend, program, instruction, case: label, computeUnits }) + "\n",
  );
}
