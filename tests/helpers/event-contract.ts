// The event contract: which events each instruction of both programs emits
// (event names as the SDK decodes them, e.g. "nodeStaking.nodeRegistered").
//
// Every successful transaction the tests send (LiteSVM and validator, the
// fuzzer included) is checked here: for each top-level instruction of our
// programs, the events it emitted (its own and those of its CPIs, decoded from
// the logs with the IDLs' coders) must match EVENT_CONTRACT exactly: each
// `always` event exactly once, `repeated` events once or more, `sometimes`
// events at most once (e.g. a status change only when the status moved), and
// nothing else. A transaction that breaks the contract fails the test that
// sent it. With GPU_DEPIN_EVENT_LOG set (scripts/run-tests.ts sets it), the
// instructions seen are appended there, and the run fails unless every
// instruction of both IDLs was seen emitting its events on that backend.
import { Program, Provider } from "@coral-xyz/anchor";
import * as fs from "fs";

import { parseEvents } from "../../app/src/events";
import { IDLS, Programs } from "../../app/src/programs";

/** The events one instruction emits (names as `program.eventName`). */
export interface EventRule {
  /** Emitted exactly once by every successful call. */
  always: string[];
  /** Emitted at most once, when the call changes what it reports (e.g. a node's status). */
  sometimes?: string[];
  /** Emitted once or more (e.g. one event per changed config field). */
  repeated?: string[];
  /** Why the instruction emits nothing (a view), when `always` and `repeated` are empty. */
  silent?: string;
  /** Why a full run on the validator cannot reach a success (it is still checked if it does). */
  notOnValidator?: string;
}

const S = (name: string) => `nodeStaking.${name}`;
const E = (name: string) => `rentalEscrow.${name}`;
const STATUS = S("nodeStatusChanged");
const LOCK = S("nodeRentalLockChanged");

/** Instruction (camelCase, as in the IDL) → the events it emits. */
export const EVENT_CONTRACT: Record<"nodeStaking" | "rentalEscrow", Record<string, EventRule>> = {
  nodeStaking: {
    initialize: { always: [S("configInitialized")] },
    proposeAdmin: { always: [S("adminProposed")] },
    acceptAdmin: { always: [S("adminChanged")] },
    setPaused: { always: [S("pausedChanged")] },
    updateConfig: { always: [], repeated: [S("configParamChanged"), S("configRoleChanged")] },
    createSpecTier: { always: [S("specTierCreated")] },
    updateSpecTier: { always: [S("specTierUpdated")] },
    registerNode: { always: [S("nodeRegistered")] },
    stake: { always: [S("staked")], sometimes: [STATUS] },
    requestUnstake: { always: [S("unstakeRequested")], sometimes: [STATUS] },
    withdrawUnstaked: { always: [S("unstakeWithdrawn")], sometimes: [STATUS] },
    refreshNode: { always: [], sometimes: [STATUS], silent: "emits only when the status moves" },
    updatePricing: { always: [S("nodePricingUpdated")] },
    setCommission: { always: [S("commissionChangeScheduled")] },
    delegate: { always: [S("delegated")], sometimes: [STATUS] },
    undelegate: { always: [S("undelegated")] },
    withdrawUndelegated: { always: [S("undelegationWithdrawn")] },
    settleDelegation: { always: [S("delegationSettled")] },
    claimRewards: { always: [S("rewardsClaimed")] },
    claimOperatorRewards: { always: [S("rewardsClaimed")] },
    creditRewards: { always: [S("rewardsCredited")], sometimes: [STATUS] },
    slash: { always: [S("slashed")], sometimes: [STATUS] },
    unjailNode: { always: [STATUS] },
    lockNode: { always: [LOCK], sometimes: [STATUS] },
    unlockNode: { always: [LOCK] },
    closeDelegation: { always: [S("delegationClosed")] },
    closeSlashRecord: {
      always: [S("slashRecordClosed")],
      notOnValidator: "a record closes after a 90-day retention: LiteSVM warps the clock",
    },
    closeNode: { always: [S("nodeClosed")] },
  },
  rentalEscrow: {
    initialize: { always: [E("escrowConfigInitialized")] },
    proposeAdmin: { always: [E("adminProposed")] },
    acceptAdmin: { always: [E("adminChanged")] },
    setPaused: { always: [E("pausedChanged")] },
    updateConfig: {
      always: [],
      repeated: [E("escrowParamChanged"), E("escrowRoleChanged"), E("oracleFeedChanged")],
    },
    quote: { always: [], silent: "a view: simulated, returns the quote as return data" },
    createRental: { always: [LOCK, E("rentalCreated")], sometimes: [STATUS] },
    extendRental: { always: [E("rentalExtended")] },
    claim: { always: [E("rentalClaimed")] },
    cancelRental: { always: [LOCK, E("rentalCancelled")] },
    openDispute: { always: [E("disputeOpened")] },
    resolveDispute: { always: [E("disputeResolved")], sometimes: [LOCK, S("slashed"), STATUS] },
    // The lock is already released when a cancel or a dispute resolution ended the rental.
    closeRental: { always: [E("rentalClosed")], sometimes: [LOCK] },
  },
};

type Segment = { program: "nodeStaking" | "rentalEscrow"; instruction: string; events: string[] };

const INVOKE1 = /^Program ([1-9A-HJ-NP-Za-km-z]{32,44}) invoke \[1\]$/;
const NAME = /^Program log: Instruction: (\w+)$/;

let programs: Programs | undefined;
function ourPrograms(): Programs {
  if (programs) return programs;
  // The SDK's IDLs (equal to the fresh build: scripts/check-idl.ts); parseEvents
  // reads only each program's id and event coder, so no connection is needed.
  const offline = {} as Provider;
  programs = {
    nodeStaking: new Program(IDLS.nodeStaking, offline),
    rentalEscrow: new Program(IDLS.rentalEscrow, offline),
  };
  return programs;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Our top-level instructions in a transaction's logs, each with the events it emitted. */
export function eventSegments(logs: readonly string[]): Segment[] {
  const ours = ourPrograms();
  const ids = new Map<string, "nodeStaking" | "rentalEscrow">([
    [ours.nodeStaking.programId.toBase58(), "nodeStaking"],
    [ours.rentalEscrow.programId.toBase58(), "rentalEscrow"],
  ]);
  const out: Segment[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const slice = logs.slice(start, end);
    const which = ids.get(INVOKE1.exec(slice[0])?.[1] ?? "");
    const name = slice.map((l) => NAME.exec(l)?.[1]).find(Boolean);
    if (which && name) {
      out.push({
        program: which,
        instruction: lowerFirst(name),
        events: parseEvents(ours, slice).map((ev) => `${ev.program}.${String(ev.name)}`),
      });
    }
  };
  logs.forEach((line, i) => {
    if (INVOKE1.test(line)) {
      flush(i);
      start = i;
    }
  });
  flush(logs.length);
  return out;
}

/** Why `events` breaks `rule`, or undefined when it keeps it. */
export function contractViolation(rule: EventRule, events: string[]): string | undefined {
  const count = new Map<string, number>();
  for (const ev of events) count.set(ev, (count.get(ev) ?? 0) + 1);
  for (const ev of rule.always) {
    if (count.get(ev) !== 1) return `${ev} emitted ${count.get(ev) ?? 0} times, expected once`;
  }
  for (const ev of rule.sometimes ?? []) {
    if ((count.get(ev) ?? 0) > 1) return `${ev} emitted ${count.get(ev)} times, expected ≤ 1`;
  }
  if (rule.repeated?.length && !rule.repeated.some((ev) => count.has(ev)))
    return `none of ${rule.repeated.join(", ")} emitted`;
  const allowed = new Set([...rule.always, ...(rule.sometimes ?? []), ...(rule.repeated ?? [])]);
  const extra = events.filter((ev) => !allowed.has(ev));
  if (extra.length) return `unexpected ${extra.join(", ")}`;
  return undefined;
}

/**
 * Checks a successful transaction's logs against EVENT_CONTRACT; throws on a
 * violation. Records the instructions seen when GPU_DEPIN_EVENT_LOG is set.
 */
export function checkEventContract(logs: readonly string[]): void {
  // The validator truncates logs past its byte limit: then the events are not all there.
  if (logs.some((l) => l === "Log truncated")) return;
  const segments = eventSegments(logs);
  for (const seg of segments) {
    const rule = EVENT_CONTRACT[seg.program][seg.instruction];
    if (!rule) throw new Error(`event contract: no rule for ${seg.program}.${seg.instruction}`);
    const why = contractViolation(rule, seg.events);
    if (why) {
      throw new Error(
        `event contract: ${seg.program}.${seg.instruction} emitted [${seg.events.join(", ")}]: ${why}`,
      );
    }
  }
  const file = process.env.GPU_DEPIN_EVENT_LOG;
  if (file && segments.length) {
    const lines = segments.map((s) => `${JSON.stringify(s)}\n`).join("");
    fs.appendFileSync(file, lines);
  }
}

/**
 * The instructions of both programs that `logFile` never saw succeed (views
 * with a `silent` reason and no events excepted); empty when all were seen.
 */
export function unseenInstructions(logFile: string, backend: string): string[] {
  const seen = new Set<string>();
  if (fs.existsSync(logFile)) {
    for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
      if (!line) continue;
      const seg = JSON.parse(line) as Segment;
      seen.add(`${seg.program}.${seg.instruction}`);
    }
  }
  const missing: string[] = [];
  for (const [program, rules] of Object.entries(EVENT_CONTRACT)) {
    for (const [ix, rule] of Object.entries(rules)) {
      if (rule.silent && !rule.always.length && !rule.repeated?.length && !rule.sometimes?.length)
        continue;
      if (rule.notOnValidator && backend === "validator") continue;
      if (!seen.has(`${program}.${ix}`)) missing.push(`${program}.${ix}`);
    }
  }
  return missing;
}
