// Deploys an SBF program through the upgradeable BPF loader (the path
// `solana program deploy` takes): create a buffer, write the ELF in chunks,
// verify it, then DeployWithMaxDataLen. Idempotent: a program already deployed
// with the same bytes is left alone; one deployed with other bytes is upgraded.
import {
  Connection,
  Keypair,
  PublicKey,
  SystemProgram,
  SYSVAR_CLOCK_PUBKEY,
  SYSVAR_RENT_PUBKEY,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";

export const BPF_LOADER_UPGRADEABLE = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

/** UpgradeableLoaderState sizes (bincode): Buffer header, Program, ProgramData header. */
const BUFFER_HEADER = 37;
const PROGRAM_SIZE = 36;
const PROGRAMDATA_HEADER = 45;
/** Bytes of ELF per Write transaction; keeps each transaction under 1232 bytes. */
const CHUNK = 950;
const PARALLEL_WRITES = 256;

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

function initializeBufferIx(buffer: PublicKey, authority: PublicKey): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE,
    keys: [
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: authority, isSigner: false, isWritable: false },
    ],
    data: u32(0),
  });
}

function writeIx(
  buffer: PublicKey,
  authority: PublicKey,
  offset: number,
  bytes: Buffer,
): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE,
    keys: [
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: authority, isSigner: true, isWritable: false },
    ],
    data: Buffer.concat([u32(1), u32(offset), u64(bytes.length), bytes]),
  });
}

function deployIx(
  payer: PublicKey,
  programData: PublicKey,
  program: PublicKey,
  buffer: PublicKey,
  authority: PublicKey,
  maxDataLen: number,
): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE,
    keys: [
      { pubkey: payer, isSigner: true, isWritable: true },
      { pubkey: programData, isSigner: false, isWritable: true },
      { pubkey: program, isSigner: false, isWritable: true },
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: SYSVAR_RENT_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SYSVAR_CLOCK_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: authority, isSigner: true, isWritable: false },
    ],
    data: Buffer.concat([u32(2), u64(maxDataLen)]),
  });
}

function upgradeIx(
  programData: PublicKey,
  program: PublicKey,
  buffer: PublicKey,
  spill: PublicKey,
  authority: PublicKey,
): TransactionInstruction {
  return new TransactionInstruction({
    programId: BPF_LOADER_UPGRADEABLE,
    keys: [
      { pubkey: programData, isSigner: false, isWritable: true },
      { pubkey: program, isSigner: false, isWritable: true },
      { pubkey: buffer, isSigner: false, isWritable: true },
      { pubkey: spill, isSigner: false, isWritable: true },
      { pubkey: SYSVAR_RENT_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: SYSVAR_CLOCK_PUBKEY, isSigner: false, isWritable: false },
      { pubkey: authority, isSigner: true, isWritable: false },
    ],
    data: u32(3),
  });
}

export function programDataAddress(program: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync([program.toBuffer()], BPF_LOADER_UPGRADEABLE)[0];
}

async function send(connection: Connection, tx: Transaction, signers: Keypair[]): Promise<string> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
  tx.recentBlockhash = blockhash;
  tx.feePayer = signers[0].publicKey;
  tx.sign(...signers);
  const sig = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: false });
  const res = await connection.confirmTransaction(
    { signature: sig, blockhash, lastValidBlockHeight },
    "confirmed",
  );
  if (res.value.err) throw new Error(`transaction ${sig} failed: ${JSON.stringify(res.value.err)}`);
  return sig;
}

/** Waits (up to ~30 s) until every signature is confirmed or failed. */
async function waitForStatuses(connection: Connection, sigs: string[]): Promise<void> {
  let open = sigs;
  for (let i = 0; i < 60 && open.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const still: string[] = [];
    for (let j = 0; j < open.length; j += 256) {
      const part = open.slice(j, j + 256);
      const { value } = await connection.getSignatureStatuses(part);
      value.forEach((st, k) => {
        const done =
          st &&
          (st.err ||
            st.confirmationStatus === "confirmed" ||
            st.confirmationStatus === "finalized");
        if (!done) still.push(part[k]);
      });
    }
    open = still;
  }
}

/** Writes every chunk whose bytes in the buffer differ from `elf` (all of them at first). */
async function writeBuffer(
  connection: Connection,
  payer: Keypair,
  buffer: PublicKey,
  elf: Buffer,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const acc = await connection.getAccountInfo(buffer, "confirmed");
    if (!acc) throw new Error(`buffer ${buffer.toBase58()} vanished`);
    const current = acc.data.subarray(BUFFER_HEADER);
    const pending: number[] = [];
    for (let off = 0; off < elf.length; off += CHUNK) {
      const want = elf.subarray(off, off + CHUNK);
      if (!current.subarray(off, off + want.length).equals(want)) pending.push(off);
    }
    if (pending.length === 0) return;
    const { blockhash } = await connection.getLatestBlockhash("confirmed");
    for (let i = 0; i < pending.length; i += PARALLEL_WRITES) {
      const batch = pending.slice(i, i + PARALLEL_WRITES);
      const sigs = await Promise.all(
        batch.map((off) => {
          const tx = new Transaction().add(
            writeIx(buffer, payer.publicKey, off, elf.subarray(off, off + CHUNK)),
          );
          tx.recentBlockhash = blockhash;
          tx.feePayer = payer.publicKey;
          tx.sign(payer);
          return connection
            .sendRawTransaction(tx.serialize(), { skipPreflight: true })
            .catch(() => undefined);
        }),
      );
      // Poll statuses over HTTP: hundreds of websocket subscriptions at once
      // overflow the validator's pubsub socket. Chunks that did not land are
      // found by the byte comparison above and written again.
      await waitForStatuses(
        connection,
        sigs.filter((x): x is string => x !== undefined),
      );
    }
  }
  throw new Error(`could not write buffer ${buffer.toBase58()} after 5 attempts`);
}

export type DeployOutcome = "deployed" | "upgraded" | "unchanged";

/**
 * Deploys `elf` at `programKeypair`'s address with `payer` as the upgrade
 * authority, or upgrades it if different bytes are already deployed there.
 */
export async function deployUpgradeable(
  connection: Connection,
  payer: Keypair,
  programKeypair: Keypair,
  elf: Buffer,
): Promise<DeployOutcome> {
  const program = programKeypair.publicKey;
  const programData = programDataAddress(program);
  const existing = await connection.getAccountInfo(programData, "confirmed");
  if (existing) {
    const deployed = existing.data.subarray(PROGRAMDATA_HEADER, PROGRAMDATA_HEADER + elf.length);
    const rest = existing.data.subarray(PROGRAMDATA_HEADER + elf.length);
    if (deployed.equals(elf) && rest.every((b) => b === 0)) return "unchanged";
    if (existing.data.length - PROGRAMDATA_HEADER < elf.length) {
      throw new Error(
        `${program.toBase58()}: new program (${elf.length} bytes) exceeds the deployed max length`,
      );
    }
  }

  const buffer = Keypair.generate();
  const bufferLen = BUFFER_HEADER + elf.length;
  await send(
    connection,
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: payer.publicKey,
        newAccountPubkey: buffer.publicKey,
        lamports: await connection.getMinimumBalanceForRentExemption(bufferLen),
        space: bufferLen,
        programId: BPF_LOADER_UPGRADEABLE,
      }),
      initializeBufferIx(buffer.publicKey, payer.publicKey),
    ),
    [payer, buffer],
  );
  await writeBuffer(connection, payer, buffer.publicKey, elf);

  if (existing) {
    await send(
      connection,
      new Transaction().add(
        upgradeIx(programData, program, buffer.publicKey, payer.publicKey, payer.publicKey),
      ),
      [payer],
    );
    return "upgraded";
  }
  // Room for upgrades up to twice the current size.
  const maxDataLen = elf.length * 2;
  await send(
    connection,
    new Transaction().add(
      SystemProgram.createAccount({
        fromPubkey: payer.publicKey,
        newAccountPubkey: program,
        lamports: await connection.getMinimumBalanceForRentExemption(PROGRAM_SIZE),
        space: PROGRAM_SIZE,
        programId: BPF_LOADER_UPGRADEABLE,
      }),
      deployIx(
        payer.publicKey,
        programData,
        program,
        buffer.publicKey,
        payer.publicKey,
        maxDataLen,
      ),
    ),
    [payer, programKeypair],
  );
  return "deployed";
}
