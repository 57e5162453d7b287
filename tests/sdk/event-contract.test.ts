// The event contract (tests/helpers/event-contract.ts) is checked on every
// successful transaction of the suite and the fuzzer. These tests keep it
// honest: it names every instruction and every event of both IDLs, and it
// fails on a missing, a doubled or a foreign event.
import { expect } from "chai";

import { IDLS } from "../../app/src";
import { lastTransaction } from "../helpers/context";
import {
  checkEventContract,
  contractViolation,
  EVENT_CONTRACT,
  eventSegments,
} from "../helpers/event-contract";
import { createTier, ensureProtocol, Protocol, registerNode, tokens } from "../helpers/staking";

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

describe("event contract", () => {
  let p: Protocol;
  before(async () => {
    p = await ensureProtocol();
  });

  for (const program of ["nodeStaking", "rentalEscrow"] as const) {
    it(`${program}: a rule for every instruction and every event in some rule`, () => {
      const idl = IDLS[program] as unknown as {
        instructions: { name: string }[];
        events: { name: string }[];
      };
      const rules = EVENT_CONTRACT[program];
      expect(Object.keys(rules).sort()).to.deep.equal(
        idl.instructions.map((ix) => camel(ix.name)).sort(),
      );
      const named = new Set(
        Object.values(EVENT_CONTRACT)
          .flatMap((r) => Object.values(r))
          .flatMap((r) => [...r.always, ...(r.sometimes ?? []), ...(r.repeated ?? [])]),
      );
      for (const ev of idl.events) {
        expect(named.has(`${program}.${lowerFirst(ev.name)}`), `${program}.${ev.name}`).to.equal(
          true,
        );
      }
    });
  }

  it("fails on a missing, a doubled or a foreign event; passes the real logs", async () => {
    const tierId = await createTier(p, { maxNodeStake: tokens(10_000) });
    await registerNode(p, tierId);
    const logs = (await lastTransaction(p.ctx)).logs;
    const registered = eventSegments(logs).find((s) => s.instruction === "registerNode");
    expect(registered?.events).to.deep.equal(["nodeStaking.nodeRegistered"]);
    expect(() => checkEventContract(logs)).not.to.throw();

    const dataLine = logs.findIndex((l) => l.startsWith("Program data: "));
    const dropped = logs.filter((_, i) => i !== dataLine);
    expect(() => checkEventContract(dropped)).to.throw(/nodeRegistered emitted 0 times/);
    const doubled = [...logs.slice(0, dataLine + 1), ...logs.slice(dataLine)];
    expect(() => checkEventContract(doubled)).to.throw(/nodeRegistered emitted 2 times/);

    const rule = EVENT_CONTRACT.nodeStaking.slash;
    expect(contractViolation(rule, ["nodeStaking.slashed"])).to.equal(undefined);
    expect(
      contractViolation(rule, ["nodeStaking.nodeStatusChanged", "nodeStaking.slashed"]),
    ).to.equal(undefined);
    expect(
      contractViolation(rule, [
        "nodeStaking.nodeStatusChanged",
        "nodeStaking.nodeStatusChanged",
        "nodeStaking.slashed",
      ]),
    ).to.match(/nodeStatusChanged emitted 2 times, expected ≤ 1/);
    expect(contractViolation(rule, ["nodeStaking.slashed", "rentalEscrow.rentalClosed"])).to.match(
      /unexpected rentalEscrow.rentalClosed/,
    );
    expect(contractViolation(EVENT_CONTRACT.nodeStaking.updateConfig, [])).to.match(/none of/);
  });
});
