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
}

const INVOKE = /^Program (\w+) invoke \[(\d+)\]$/;
const NAME = /^Program log: Instruction: (\w+)$/;
const CONSUMED = /^Program (\w+) consumed (\d+) of \d+ compute units$/;
const END = /^Program (\w+) (success|failed)/;

/** Top-level instructions of one transaction's logs with their units. */
export function topLevelSamples(logs: string[]): ComputeUnitSample[] {
  const out: ComputeUnitSample[] = [];
  let depth = 0;
  let current: { programId: string; instruction?: string } | undefined;
  for (const line of logs) {
    const invoke = INVOKE.exec(line);
    if (invoke) {
      depth = Number(invoke[2]);
      if (depth === 1) current = { programId: invoke[1] };
      continue;
    }
    const name = NAME.exec(line);
    if (name && depth === 1 && current && !current.instruction) {
      current.instruction = name[1];
      continue;
    }
    const consumed = CONSUMED.exec(line);
    if (consumed && depth === 1 && current && consumed[1] === current.programId) {
      out.push({
        programId: current.programId,
        instruction: current.instruction ?? "(unnamed)",
        computeUnits: Number(consumed[2]),
      });
      continue;
    }
    if (END.test(line)) depth = Math.max(0, depth - 1);
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
