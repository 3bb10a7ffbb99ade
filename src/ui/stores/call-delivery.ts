/**
 * Delivery within a call: the candidate's own recording to each interviewer
 * over a channel of the link, the figures both pages show, and delivery files.
 * The call store hands it links and the vault side once they exist.
 */
import type { InterviewId, Role } from '../../core';
import { deriveDeliveryKeyPair, fromBase64Url, toBase64Url, type InviteSecret, type SigningKeyPair } from '../../crypto';
import {
  dataChannelWire,
  DELIVERY_CHANNEL_ID,
  DeliveryReceiver,
  DeliverySender,
  senderProgress,
  signOffer,
  vaultSource,
  vaultTarget,
  writeDeliveryFile,
  type DeliveryProgress,
  type UnsignedOffer,
  type Wire,
} from '../../delivery';
import type { RecordingSession } from '../../media';
import type { PeerLink } from '../../net';
import { DeliveryLedger } from '../../vault';
import type { VaultStore } from './vault-store';

export interface CallDeliveryOptions {
  vault: VaultStore;
  role: Role;
  interviewId: InterviewId;
  interviewerSecret: InviteSecret | null;
  onProgress: (progress: DeliveryProgress) => void;
}

/** What the vault side gives delivery: our recording, the interview's key, and (candidates) the device identity. */
interface Own {
  session: RecordingSession;
  dataKey: Uint8Array;
  identity: SigningKeyPair | null;
}

export function createCallDelivery({ vault, role, interviewId, interviewerSecret, onProgress }: CallDeliveryOptions) {
  let own: Own | null = null;
  /** Interviewers: channels waiting for the candidate's key to be checked. */
  const pending = new Map<PeerLink, Wire>();
  let recount = (): void => undefined;

  const ledger = (dataKey: Uint8Array) => new DeliveryLedger(vault.db, dataKey, interviewId);
  /** Our own tracks; one this session is not writing was cut short. */
  const ownTracks = ({ session, dataKey }: Own) => vaultSource(vault.db, dataKey, interviewId, (trackId) => session.isWriting(trackId));
  const signer = (identity: SigningKeyPair) => (offer: UnsignedOffer) => signOffer(identity, interviewId, offer);

  /**
   * Candidate: keeps the figures true by our own records as the recording
   * grows, whether or not an interviewer is there to acknowledge. One count at
   * a time, so an older count never lands after a newer one; a change during a
   * count is counted once more after it.
   */
  async function countFromVault(current: Own): Promise<void> {
    const source = ownTracks(current);
    const acks = ledger(current.dataKey);
    let counting = false;
    let again = false;
    const count = async () => {
      again = true;
      if (counting) return;
      counting = true;
      try {
        while (again) {
          again = false;
          onProgress(await senderProgress(source, acks));
        }
      } finally {
        counting = false;
      }
    };
    recount = () => void count();
    current.session.on('progress', (kind) => kind === 'self' && recount());
    current.session.on('trackStopped', () => recount());
    await count();
  }

  return {
    /** The vault side of the call is open. */
    async start(session: RecordingSession, dataKey: Uint8Array, identity: SigningKeyPair | null): Promise<void> {
      own = { session, dataKey, identity };
      if (role === 'candidate') await countFromVault(own);
    },

    /** Interviewers say in their hello where delivery files are sealed to. */
    helloFields(): { deliveryKey?: string } {
      return interviewerSecret ? { deliveryKey: toBase64Url(deriveDeliveryKeyPair(interviewerSecret).publicKey) } : {};
    },

    async learnDeliveryKey(deliveryKey: string): Promise<void> {
      if (role !== 'candidate') return;
      await vault.interviews.update(interviewId, (r) => (r.deliveryKey === deliveryKey ? r : { ...r, deliveryKey }));
    },

    /**
     * Both ends open the channel as the link connects (it is agreed by id, so
     * neither may be late); the candidate sends on it, the interviewer
     * receives once the candidate's key is pinned (see `receive`).
     */
    open(link: PeerLink): void {
      if (link.remote.role === role || own === null) return;
      const channel = link.openNegotiatedChannel('delivery', DELIVERY_CHANNEL_ID);
      if (channel === null) return;
      const wire = dataChannelWire(channel);
      if (role === 'interviewer') {
        pending.set(link, wire);
        link.on('close', () => pending.delete(link));
        return;
      }
      if (own.identity === null) return;
      const { session } = own;
      const sender = new DeliverySender(wire, ownTracks(own), ledger(own.dataKey), signer(own.identity));
      sender.on('progress', () => recount());
      const stopWatching = [session.on('progress', () => sender.refresh()), session.on('trackStopped', () => sender.refresh())];
      link.on('close', () => {
        for (const stop of stopWatching) stop();
        sender.close();
      });
    },

    /** Interviewers: the candidate's key on this link is pinned; take the recording. */
    receive(link: PeerLink, candidateKey: string): void {
      const wire = pending.get(link);
      const key = fromBase64Url(candidateKey);
      if (wire === undefined || key === null || own === null) return;
      pending.delete(link);
      const receiver = new DeliveryReceiver(wire, vaultTarget(vault.db, own.dataKey, interviewId), key, interviewId);
      receiver.on('progress', onProgress);
      link.on('close', () => void receiver.close());
      receiver.start();
    },

    /**
     * Candidate: everything the interviewer has not acknowledged, sealed to
     * the interviewers' key, for when the two are never online together again.
     * Null when there is nothing left to deliver.
     */
    async exportFile(): Promise<Blob | null> {
      const record = await vault.interviews.get(interviewId);
      const recipient = record?.deliveryKey ? fromBase64Url(record.deliveryKey) : null;
      if (recipient === null || own === null || own.identity === null) throw new Error('no delivery key for this interview yet');
      return writeDeliveryFile({
        interviewId,
        recipient,
        recorderKey: own.identity.publicKey,
        source: ownTracks(own),
        ledger: ledger(own.dataKey),
        sign: signer(own.identity),
      });
    },
  };
}
