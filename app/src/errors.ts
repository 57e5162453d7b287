// Program errors decoded to one readable line, for the CLI and integrators.
import { AnchorError, ProgramError } from "@coral-xyz/anchor";

const TOKEN_HINTS: Record<string, string> = {
  "insufficient funds": "the paying token account holds less than the amount; fund it and retry",
  "Account not associated with this Mint": "the token account is for another mint",
  "owner does not match": "sign with the token account's owner",
};

/** "ErrorName: message" for program errors; the first useful line otherwise. */
export function describeError(e: unknown): string {
  if (e instanceof AnchorError) return `${e.error.errorCode.code}: ${e.error.errorMessage}`;
  if (e instanceof ProgramError) return `error ${e.code}: ${e.msg}`;
  const logs: string[] | undefined =
    (e as { logs?: string[] }).logs ?? (e as { transactionLogs?: string[] }).transactionLogs;
  if (logs) {
    const parsed = AnchorError.parse(logs);
    if (parsed) return `${parsed.error.errorCode.code}: ${parsed.error.errorMessage}`;
    // SPL Token and Token-2022 log their error before failing with a bare code.
    const tokenError = logs.find((l) => /^Program log: Error: /.test(l));
    if (tokenError) {
      const what = tokenError.replace(/^Program log: Error: /, "");
      return `token program: ${what}${TOKEN_HINTS[what] ? ` (${TOKEN_HINTS[what]})` : ""}`;
    }
    const failure = logs.find((l) => / failed: /.test(l));
    if (failure) return failure.replace(/^Program \w+ failed: /, "transaction failed: ");
  }
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0];
}
