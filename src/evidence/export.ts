/** Exports one interview from the vault as a signed evidence bundle into a WritableStream. */
import type { InterviewId } from '../core';
import { keyFingerprint } from '../crypto';
import { deviceIdentity, type AuditLog, type CandidDb, type Interviews } from '../vault';
import { writeBundle, type PayloadFile, type WriteOptions, type WrittenBundle } from './bundle-writer';
import { collectPayload } from './collect';

export const SOFTWARE = 'Candid 0.1 (https://github.com/candid)';

export interface ExportVault {
  db: CandidDb;
  interviews: Interviews;
  audit: AuditLog;
  keyring: Parameters<typeof deviceIdentity>[1];
}

/** The file name offered to the user; also the bag's top folder without `.zip`. */
export function bundleName(interviewId: string, date: Date): string {
  return `candid-${interviewId.slice(0, 10)}-${date.toISOString().slice(0, 10)}`;
}

export async function exportBundle(
  vault: ExportVault,
  interviewId: InterviewId,
  target: WritableStream<Uint8Array>,
  options: WriteOptions = {},
  now = new Date(),
  /** Files other modules contribute (the scorecard), under data/. */
  extra: readonly PayloadFile[] = [],
): Promise<WrittenBundle> {
  const record = await vault.interviews.get(interviewId);
  if (record === null) throw new Error(`no interview ${interviewId} on this device`);
  // Logged before collecting, so the bundle's own audit log shows this export.
  await vault.audit.append('export', interviewId, { encrypted: options.password ? 'yes' : 'no' });
  const signer = await deviceIdentity(vault.db, vault.keyring);
  const payload = [...(await collectPayload({ db: vault.db, dataKey: await vault.interviews.dataKey(interviewId), record, audit: vault.audit })), ...extra];
  return writeBundle(
    target,
    payload,
    {
      name: bundleName(interviewId, now),
      interviewId,
      candidate: record.details?.candidateName ?? '',
      position: record.details?.position ?? '',
      interviewers: [keyFingerprint(signer.publicKey)],
      signer,
      baggingDate: now.toISOString().slice(0, 10),
      software: SOFTWARE,
    },
    options,
  );
}
