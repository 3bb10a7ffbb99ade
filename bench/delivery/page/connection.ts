/**
 * A bare RTCPeerConnection carrying only the delivery channel, as the app
 * opens it beside simple-peer's own (negotiated, so neither side may be
 * late). No STUN: host candidates on the namespaces' veth addresses. The
 * runner relays one offer and one answer, each with every candidate in it,
 * so no signaling server is involved.
 */
import { dataChannelWire, DELIVERY_CHANNEL_ID, type Wire } from '../../../src/delivery';
import type { ConnectionState, Traffic } from '../page-api';

const GATHERING_TIMEOUT_MS = 10_000;

export interface BenchConnection {
  readonly id: number;
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  readonly wire: Wire & { opened: Promise<boolean> };
}

export function newConnection(id: number): BenchConnection {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const channel = pc.createDataChannel('delivery', { negotiated: true, id: DELIVERY_CHANNEL_ID, ordered: true });
  return { id, pc, channel, wire: dataChannelWire(channel) };
}

/** Sets our offer or answer and waits for ICE gathering, so the description carries every candidate. */
export async function completeDescription(pc: RTCPeerConnection): Promise<string> {
  await pc.setLocalDescription();
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('ICE gathering did not complete')), GATHERING_TIMEOUT_MS);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const sdp = pc.localDescription?.sdp;
  if (sdp === undefined) throw new Error('no local description');
  return sdp;
}

/** Where the connection stands, with the addresses of the candidate pair in use. */
export async function describe(connection: BenchConnection | null): Promise<ConnectionState> {
  if (connection === null) return { id: 0, connection: 'none', ice: 'none', channel: 'none', pair: null };
  const { id, pc, channel } = connection;
  return { id, connection: pc.connectionState, ice: pc.iceConnectionState, channel: channel.readyState, pair: await selectedPair(pc) };
}

export async function traffic(connection: BenchConnection | null): Promise<Traffic> {
  if (connection === null || connection.pc.connectionState === 'closed') return { channelBytes: 0, transportBytes: 0, packets: 0 };
  const stats = [...(await connection.pc.getStats()).values()] as Array<Record<string, unknown>>;
  const sum = (type: string, field: string) => stats.filter((entry) => entry.type === type).reduce((total, entry) => total + (Number(entry[field]) || 0), 0);
  return { channelBytes: sum('data-channel', 'bytesSent'), transportBytes: sum('transport', 'bytesSent'), packets: sum('transport', 'packetsSent') };
}

async function selectedPair(pc: RTCPeerConnection): Promise<string | null> {
  if (pc.connectionState === 'closed') return null;
  const stats = [...(await pc.getStats()).values()] as Array<Record<string, unknown>>;
  const byId = new Map(stats.map((entry) => [entry.id, entry]));
  const transport = stats.find((entry) => entry.type === 'transport');
  const pair = byId.get(transport?.selectedCandidatePairId);
  if (pair === undefined) return null;
  const end = (id: unknown) => {
    const candidate = byId.get(id);
    return candidate === undefined ? '?' : `${String(candidate.address)}:${String(candidate.port)} ${String(candidate.protocol)}`;
  };
  return `${end(pair.localCandidateId)} → ${end(pair.remoteCandidateId)}`;
}
