/** Figures about one of delivery's own connections (see src/delivery/delivery-connection.ts). */
import type { DeliveryConnection } from '../../../src/delivery';
import type { ConnectionState, Traffic } from '../page-api';

/** Where the connection stands, with the addresses of the candidate pair in use. */
export async function describe(connection: DeliveryConnection | null, id: number): Promise<ConnectionState> {
  if (connection === null) return { id: 0, connection: 'none', ice: 'none', channel: 'none', pair: null };
  const { pc, channel } = connection;
  return { id, connection: pc.connectionState, ice: pc.iceConnectionState, channel: channel.readyState, pair: await selectedPair(pc) };
}

export async function traffic(connection: DeliveryConnection | null): Promise<Traffic> {
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
