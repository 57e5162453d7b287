// Assertions shared by the suites: errors by name, and "nothing changed".
import { AnchorError } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import { expect } from "chai";

import { getAccount, TestContext } from "./context";

/** Program logs carried by a failed send (`logs`) or a failed simulation (`simulationResponse.logs`). */
export function errorLogs(e: unknown): string[] {
  const err = e as { logs?: string[]; simulationResponse?: { logs?: string[] | null } };
  return err.logs ?? err.simulationResponse?.logs ?? [];
}

/** Lamports, owner and data of each account (null when it does not exist). */
export type Snapshot = Map<string, string | null>;

export async function snapshot(ctx: TestContext, accounts: PublicKey[]): Promise<Snapshot> {
  const snap: Snapshot = new Map();
  for (const key of accounts) {
    const acc = await getAccount(ctx, key);
    snap.set(
      key.toBase58(),
      acc
        ? `${acc.lamports}|${acc.owner.toBase58()}|${Buffer.from(acc.data).toString("hex")}`
        : null,
    );
  }
  return snap;
}

export async function expectUnchanged(ctx: TestContext, before: Snapshot): Promise<void> {
  const after = await snapshot(
    ctx,
    [...before.keys()].map((k) => new PublicKey(k)),
  );
  for (const [key, value] of before) {
    expect(after.get(key), `account ${key} changed`).to.equal(value);
  }
}

/** Runs `action`, expects it to fail with the named Anchor error, returns the error. */
export async function expectAnchorError(
  action: Promise<unknown>,
  errorName: string,
): Promise<AnchorError> {
  try {
    await action;
  } catch (e) {
    // Program clients translate errors; raw transactions carry only logs.
    const anchorError = e instanceof AnchorError ? e : AnchorError.parse(errorLogs(e));
    if (anchorError) {
      expect(anchorError.error.errorCode.code, anchorError.message).to.equal(errorName);
      return anchorError;
    }
    throw new Error(`expected AnchorError ${errorName}, got: ${String(e)}`);
  }
  throw new Error(`expected AnchorError ${errorName}, but the transaction succeeded`);
}

/** Runs `action`, expects a failed transaction whose logs contain `fragment`. */
export async function expectFailureWithLog(
  action: Promise<unknown>,
  fragment: string | RegExp,
): Promise<string[]> {
  try {
    await action;
  } catch (e) {
    const logs = errorLogs(e);
    const found = logs.some((l) =>
      typeof fragment === "string" ? l.includes(fragment) : fragment.test(l),
    );
    expect(found, `no log line matches ${fragment}:\n${logs.join("\n")}`).to.equal(true);
    return logs;
  }
  throw new Error(`expected a failed transaction (${fragment}), but it succeeded`);
}
