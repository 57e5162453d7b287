// Where a validator run's wall time goes, per spec file: the time spent
// waiting for the chain clock (advanceTo) and the transactions sent with
// the time spent sending and confirming them. timing-hooks.ts reads and
// resets these between files for its table.
export const wallStats = { waitMs: 0, txCount: 0, txMs: 0 };

/** Returns the counters so far and starts new ones. */
export function takeWallStats(): typeof wallStats {
  const out = { ...wallStats };
  wallStats.waitMs = 0;
  wallStats.txCount = 0;
  wallStats.txMs = 0;
  return out;
}
