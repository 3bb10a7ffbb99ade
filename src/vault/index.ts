/** The encrypted vault: the only module that imports Dexie. */
export { CandidDb, DB_NAME, schemaHistory } from './db';
export { StorageFullError, TamperedDataError, VaultExistsError, VaultLockedError, WrongPassphraseError } from './errors';
export { AuditLog } from './audit';
export { deviceIdentity } from './identity';
export { Interviews, type InterviewRecord } from './interviews';
export { Keyring, type VaultStatus } from './keyring';
export {
  listTracks,
  readSlice,
  readTrack,
  TrackWriter,
  type SliceInfo,
  type StopReason,
  type TrackDescription,
  type TrackKind,
  type TrackSummary,
} from './recordings';
export { NotesLog } from './notes-log';
export { readProfile, saveProfile, type Profile } from './profile';
export { Templates, type Template } from './templates';
export { TimelineLog } from './timeline-log';
export { DeliveredTrack, type DeliveredDescription, type SliceProblem } from './delivered';
export { DeliveryLedger } from './delivery-ledger';
