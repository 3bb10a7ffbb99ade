/**
 * The delivery channel's messages. Text frames carry these JSON messages;
 * binary frames carry the bytes of the slice announced by the last `slice`
 * message, in order (the channel is ordered and reliable). Every message is
 * validated: the other side may be buggy or hostile.
 *
 *   receiver → sender   ready                      I can take slices now
 *   sender → receiver   offer {tracks}             what I recorded, signed
 *   receiver → sender   want {trackId, from, to}   send slices [from, to)
 *   sender → receiver   slice {trackId, seq, info} then info.bytes in binary frames
 *   receiver → sender   got {bytes}                I have had `bytes` of binary frames on this connection (paces the sender)
 *   receiver → sender   ack {trackId, count}       I hold your first `count` slices
 */
import type { SliceInfo, StopReason } from '../vault';

/** One track as the recorder offers it; `signature` covers every other field (see offer.ts). */
export interface TrackOffer {
  trackId: string;
  mimeType: string;
  startedAt: number;
  stoppedAt: number | null;
  stopReason: StopReason | null;
  count: number;
  /** The chain link after slice count-1, hex; null while the track has no slice. */
  head: string | null;
  signature: string;
}

export type DeliveryMessage =
  | { type: 'ready' }
  | { type: 'offer'; tracks: TrackOffer[] }
  | { type: 'want'; trackId: string; from: number; to: number }
  | { type: 'slice'; trackId: string; seq: number; info: SliceInfo }
  | { type: 'got'; bytes: number }
  | { type: 'ack'; trackId: string; count: number };

/** Larger than any slice a recorder makes at our bitrates (about 400 KB a second); a bigger one is refused before allocating. */
export const MAX_SLICE_BYTES = 16 * 1024 * 1024;
const MAX_TRACKS = 64;
const MAX_TEXT_FRAME = 64 * 1024;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isHex32 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
export const isTrackId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
const isStopReason = (value: unknown): value is StopReason => value === 'stopped' || value === 'storage-full' || value === 'failed';

export function isSliceInfoMessage(value: unknown): value is SliceInfo {
  return isObject(value) && isHex32(value.hash) && isHex32(value.chain) && isTime(value.at) && isCount(value.bytes) && value.bytes <= MAX_SLICE_BYTES;
}

export function isTrackOffer(value: unknown): value is TrackOffer {
  return (
    isObject(value) &&
    isTrackId(value.trackId) &&
    typeof value.mimeType === 'string' &&
    value.mimeType.length <= 100 &&
    isTime(value.startedAt) &&
    (value.stoppedAt === null || isTime(value.stoppedAt)) &&
    (value.stopReason === null || isStopReason(value.stopReason)) &&
    isCount(value.count) &&
    (value.count === 0 ? value.head === null : isHex32(value.head)) &&
    typeof value.signature === 'string' &&
    value.signature.length <= 128
  );
}

export function isDeliveryMessage(value: unknown): value is DeliveryMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'offer':
      return Array.isArray(value.tracks) && value.tracks.length <= MAX_TRACKS && value.tracks.every(isTrackOffer);
    case 'want':
      return isTrackId(value.trackId) && isCount(value.from) && isCount(value.to) && value.from < value.to;
    case 'slice':
      return isTrackId(value.trackId) && isCount(value.seq) && isSliceInfoMessage(value.info);
    case 'got':
      return isCount(value.bytes);
    case 'ack':
      return isTrackId(value.trackId) && isCount(value.count);
    default:
      return false;
  }
}

export function parseDeliveryMessage(raw: string): DeliveryMessage | null {
  if (raw.length > MAX_TEXT_FRAME) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return isDeliveryMessage(value) ? value : null;
  } catch {
    return null;
  }
}
