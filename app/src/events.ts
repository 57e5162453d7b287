// Events: typed subscriptions on top of Anchor's log parser, and the events
// of a confirmed transaction decoded from its logs (both programs, at any CPI
// depth: rental_escrow's create_rental emits rentalCreated itself and
// node_staking's nodeRentalLockChanged through its CPI).
import { IdlEvents, Program } from "@coral-xyz/anchor";
import { Connection, Finality, PublicKey } from "@solana/web3.js";

import type { NodeStaking, Programs, RentalEscrow } from "./programs";
import { TransactionFailedError } from "./send";

/** node_staking's events by name (camelCase, as Anchor decodes them: "nodeRegistered"). */
export type StakingEvents = IdlEvents<NodeStaking>;
/** rental_escrow's events by name (camelCase: "rentalCreated"). */
export type EscrowEvents = IdlEvents<RentalEscrow>;

/** Each program's events by name. */
export interface ProgramEvents {
  nodeStaking: StakingEvents;
  rentalEscrow: EscrowEvents;
}

/** One event a transaction emitted: which program, its name, its decoded fields. */
export type MarketEvent = {
  [P in keyof ProgramEvents]: {
    [N in keyof ProgramEvents[P]]: { program: P; name: N; data: ProgramEvents[P][N] };
  }[keyof ProgramEvents[P]];
}[keyof ProgramEvents];

/** Calls `handler` for each `name` event node_staking emits; returns an unsubscribe function. */
export function onStakingEvent<E extends keyof StakingEvents>(
  program: Program<NodeStaking>,
  name: E,
  handler: (event: StakingEvents[E], slot: number, signature: string) => void,
): () => Promise<void> {
  const id = program.addEventListener(name, handler as never);
  return () => program.removeEventListener(id);
}

/** Calls `handler` for each `name` event rental_escrow emits; returns an unsubscribe function. */
export function onEscrowEvent<E extends keyof EscrowEvents>(
  program: Program<RentalEscrow>,
  name: E,
  handler: (event: EscrowEvents[E], slot: number, signature: string) => void,
): () => Promise<void> {
  const id = program.addEventListener(name, handler as never);
  return () => program.removeEventListener(id);
}

const INVOKE = /^Program ([1-9A-HJ-NP-Za-km-z]{32,44}) invoke \[(\d+)\]$/;
const EXIT = /^Program ([1-9A-HJ-NP-Za-km-z]{32,44}) (success|failed)/;
const DATA = "Program data: ";

/**
 * The events in a transaction's logs, in emission order. Each `Program data:`
 * line is attributed to the program executing at that point (the invoke
 * stack is followed through CPIs), so the two programs' same-named events
 * (adminChanged, pausedChanged) are told apart, and lines of other programs
 * are ignored.
 */
export function parseEvents(programs: Programs, logs: readonly string[]): MarketEvent[] {
  const ours = new Map<string, "nodeStaking" | "rentalEscrow">([
    [programs.nodeStaking.programId.toBase58(), "nodeStaking"],
    [programs.rentalEscrow.programId.toBase58(), "rentalEscrow"],
  ]);
  const stack: string[] = [];
  const out: MarketEvent[] = [];
  for (const line of logs) {
    const invoke = INVOKE.exec(line);
    if (invoke) {
      stack.length = Number(invoke[2]) - 1; // a new top-level instruction resets the stack
      stack.push(invoke[1]);
      continue;
    }
    if (EXIT.test(line)) {
      stack.pop();
      continue;
    }
    if (!line.startsWith(DATA) || !stack.length) continue;
    const which = ours.get(stack[stack.length - 1]);
    if (!which) continue;
    const decoded = programs[which].coder.events.decode(line.slice(DATA.length));
    if (decoded)
      out.push({ program: which, name: decoded.name, data: decoded.data } as MarketEvent);
  }
  return out;
}

/**
 * The events of the confirmed transaction `signature`, decoded from its logs.
 * Throws TransactionFailedError if it failed (its events did not happen).
 */
export async function transactionEvents(
  connection: Connection,
  programs: Programs,
  signature: string,
  commitment: Finality = "confirmed",
): Promise<MarketEvent[]> {
  // A transaction just confirmed can take a moment to be served by getTransaction.
  for (let attempt = 0; ; attempt++) {
    const tx = await connection.getTransaction(signature, {
      commitment,
      maxSupportedTransactionVersion: 0,
    });
    if (tx?.meta) {
      const logs = tx.meta.logMessages ?? [];
      if (tx.meta.err)
        throw new TransactionFailedError(signature, JSON.stringify(tx.meta.err), logs);
      return parseEvents(programs, logs);
    }
    if (attempt >= 10) throw new Error(`transaction ${signature} not found (${commitment})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The data of the events named `name` that `program` emitted, typed. */
export function eventsNamed<P extends keyof ProgramEvents, N extends keyof ProgramEvents[P]>(
  events: readonly MarketEvent[],
  program: P,
  name: N,
): ProgramEvents[P][N][] {
  const data: unknown[] = events
    .filter((e) => e.program === program && e.name === name)
    .map((e) => e.data);
  return data as ProgramEvents[P][N][];
}

export type { PublicKey };
