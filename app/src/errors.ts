// Program errors decoded to one readable line, for the CLI and integrators.
import { AnchorError, ProgramError } from "@coral-xyz/anchor";

/** "ErrorName: message" for program errors; the first useful line otherwise. */
export function describeError(e: unknown): string {
  if (e instanceof AnchorError) return `${e.error.errorCode.code}: ${e.error.errorMessage}`;
  if (e instanceof ProgramError) return `error ${e.code}: ${e.msg}`;
  const logs: string[] | undefined =
    (e as { logs?: string[] }).logs ?? (e as { transactionLogs?: string[] }).transactionLogs;
  if (logs) {
    const parsed = AnchorError.parse(logs);
    if (parsed) return `${parsed.error.errorCode.code}: ${parsed.error.errorMessage}`;
    const failure = logs.find((l) => / failed: /.test(l));
    if (failure) return failure.replace(/^Program \w+ failed: /, "transaction failed: ");
  }
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0];
}
