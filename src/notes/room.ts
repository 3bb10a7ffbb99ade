/**
 * The interviewers' live scorecard: a y-webrtc room on our own signaling
 * server (never y-webrtc's public default), named and encrypted with values
 * derived from the co-interviewer secret. Presence travels in the awareness
 * protocol: who is here, which field each is editing, where their cursor is.
 */
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

export interface PresenceUser {
  name: string;
  fingerprint: string;
  color: string;
}

/** Where someone is: the field they focus and their selection as Yjs relative positions (stable under edits). */
export interface PresenceFocus {
  field: string;
  anchor: unknown;
  head: unknown;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  focus: PresenceFocus | null;
  self: boolean;
}

export interface ScorecardRoomOptions {
  room: string;
  password: string;
  signalingUrl: string;
  iceServers: RTCIceServer[];
  user: PresenceUser;
}

export class ScorecardRoom {
  readonly #provider: WebrtcProvider;

  constructor(
    readonly doc: Y.Doc,
    options: ScorecardRoomOptions,
  ) {
    this.#provider = new WebrtcProvider(options.room, doc, {
      signaling: [options.signalingUrl],
      password: options.password,
      peerOpts: { config: { iceServers: options.iceServers } },
    });
    this.#provider.awareness.setLocalStateField('user', options.user);
  }

  /** Calls back with everyone present (us included) whenever presence changes. */
  onPeers(listener: (peers: Peer[]) => void): () => void {
    const awareness = this.#provider.awareness;
    const emit = () => listener(this.peers());
    awareness.on('change', emit);
    emit();
    return () => awareness.off('change', emit);
  }

  peers(): Peer[] {
    const awareness = this.#provider.awareness;
    const peers: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      const user = state.user as PresenceUser | undefined;
      if (user === undefined || typeof user.name !== 'string') return;
      peers.push({ clientId, user, focus: (state.focus as PresenceFocus | undefined) ?? null, self: clientId === awareness.clientID });
    });
    return peers;
  }

  /** Number of other interviewers connected directly. */
  get connectedPeers(): number {
    return this.#provider.room?.webrtcConns.size ?? 0;
  }

  setFocus(field: string | null, text: Y.Text | null, anchor = 0, head = anchor): void {
    const focus: PresenceFocus | null =
      field === null || text === null
        ? null
        : {
            field,
            anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, anchor)),
            head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, head)),
          };
    this.#provider.awareness.setLocalStateField('focus', focus);
  }

  /** A peer's cursor as an index into `text` now, or null when it points elsewhere. */
  cursorIndex(focus: PresenceFocus, text: Y.Text): number | null {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(focus.head), this.doc);
    return position !== null && position.type === text ? position.index : null;
  }

  destroy(): void {
    this.#provider.destroy();
  }
}
