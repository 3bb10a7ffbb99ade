/** The local camera and microphone, with failures named so the interface can say what to do. */

export type MediaFailure = 'permission-denied' | 'no-device' | 'device-busy' | 'unsupported' | 'unknown';

export class MediaError extends Error {
  constructor(readonly reason: MediaFailure) {
    super(`camera or microphone unavailable: ${reason}`);
  }
}

function failureOf(error: unknown): MediaFailure {
  if (!(error instanceof DOMException)) return 'unknown';
  switch (error.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'permission-denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    case 'NotReadableError':
    case 'AbortError':
      return 'device-busy';
    default:
      return 'unknown';
  }
}

/** Asks for camera and microphone at the quality an interview recording deserves. */
export async function openCameraAndMicrophone(): Promise<MediaStream> {
  if (typeof navigator.mediaDevices?.getUserMedia !== 'function' || typeof RTCPeerConnection !== 'function') {
    throw new MediaError('unsupported');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true },
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
    });
  } catch (error) {
    throw new MediaError(failureOf(error));
  }
}

/** Disabling a track sends silence or black frames: the connection and the recording go on. */
export function setTracksEnabled(stream: MediaStream, kind: 'audio' | 'video', enabled: boolean): void {
  for (const track of kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()) track.enabled = enabled;
}

export function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
