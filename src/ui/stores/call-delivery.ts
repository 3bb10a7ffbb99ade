/**
 * Delivery within a call: the candidate's own recording to each interviewer
 * over connections of delivery's own, negotiated over the call's link; the
 * figures both pages show; and delivery files.
 * The call store hands it links and the vault side once they exist.
 */
import type { InterviewId, Role } from '../../core';
import { deriveDeliveryKeyPair, fromBase64Url, toBase64Url, type InviteSecret, type SigningKeyPair } from '../../crypto';
import {
  DeliveryReceiver,
  DeliverySender,
  ReceivingConnections,
  SendingConnections,
  senderProgress,
  signOffer,
  vaultSource,
  vaultTarget,
  writeDeliveryFile,
  type DeliveryProgress,
  type DeliverySignal,
  type UnsignedOffer,
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
  /** Delivery's connections on each link: receiving (interviewers) or sending (the candidate). */
  const receiving = new Map<PeerLink, ReceivingConnections>();
  const sending = new Map<PeerLink, SendingConnections>();
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
     * The link connected: the candidate offers delivery's own connections over
     * it and sends on them; the interviewer answers and receives once the
     * candidate's key is pinned (see `receive`).
     */
    open(link: PeerLink, iceServers: () => RTCIceServer[]): void {
      if (link.remote.role === role || own === null) return;
      const signal = (message: DeliverySignal) => link.send({ type: 'delivery-signal', ...message });
      const current = own;
      if (role === 'interviewer') {
        const connections = new ReceivingConnections({
          iceServers,
          signal,
          receiver: (wire, candidateKey) => {
            const receiver = new DeliveryReceiver(wire, vaultTarget(vault.db, current.dataKey, interviewId), candidateKey, interviewId);
            receiver.on('progress', onProgress);
            return receiver;
          },
        });
        receiving.set(link, connections);
        link.on('close', () => {
          receiving.delete(link);
          connections.close();
        });
        return;
      }
      const { identity, session } = current;
      if (identity === null) return;
      const connections = new SendingConnections({
        iceServers,
        signal,
        sender: (wire, standby) => {
          const sender = new DeliverySender(wire, ownTracks(current), ledger(current.dataKey), signer(identity), { standby });
          sender.on('progress', () => recount());
          return sender;
        },
      });
      sending.set(link, connections);
      const stopWatching = [session.on('progress', () => connections.refresh()), session.on('trackStopped', () => connections.refresh())];
      link.on('close', () => {
        for (const stop of stopWatching) stop();
        sending.delete(link);
        connections.close();
      });
    },

    /** A delivery connection offered (to interviewers) or answered (to the candidate) over this link. */
    signal(link: PeerLink, message: DeliverySignal): void {
      if (role === 'interviewer') void receiving.get(link)?.offered(message);
      else sending.get(link)?.answered(message);
    },

    /** Interviewers: the candidate's key on this link is pinned; take the recording. */
    receive(link: PeerLink, candidateKey: string): void {
      const key = fromBase64Url(candidateKey);
      const connections = receiving.get(link);
      if (key !== null) connections?.receive(key);
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
