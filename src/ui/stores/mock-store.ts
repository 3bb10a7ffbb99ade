/**
 * The mock interview: five seconds through the real path (camera →
 * recorder → sealed slices in the vault → read back, verified → repaired
 * WebM → player), then a verdict, and the test recording is deleted.
 */
import { createSignal, onCleanup } from 'solid-js';
import { randomId, type InterviewId } from '../../core';
import { MediaError, openCameraAndMicrophone, playableTrack, RecordingSession, stopStream } from '../../media';
import { listTracks, StorageFullError } from '../../vault';
import type { VaultStore } from './vault-store';

export const MOCK_SECONDS = 5;

export type MockStep = 'idle' | 'recording' | 'checking' | 'done' | 'failed';
export type MockFailure = 'camera' | 'recording' | 'storage-full' | 'storage' | 'playback';

export interface MockResult {
  url: string;
  slices: number;
  durationMs: number;
}

class MockFailed extends Error {
  constructor(readonly reason: MockFailure) {
    super(reason);
  }
}

/** Reads a Blob's media duration in the browser, the way the player will see it. */
function mediaDuration(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const video = document.createElement('video');
    video.preload = 'metadata';
    video.onloadedmetadata = () => resolve(video.duration * 1000);
    video.onerror = () => reject(new Error('unplayable'));
    video.src = url;
  });
}

export function createMockStore(vault: VaultStore) {
  const [step, setStep] = createSignal<MockStep>('idle');
  const [elapsed, setElapsed] = createSignal(0);
  const [result, setResult] = createSignal<MockResult | null>(null);
  const [failure, setFailure] = createSignal<MockFailure | null>(null);
  let url: string | null = null;
  onCleanup(() => url && URL.revokeObjectURL(url));

  async function record(interviewId: InterviewId, stream: MediaStream): Promise<void> {
    const session = new RecordingSession({ db: vault.db, dataKey: await vault.interviews.dataKey(interviewId), interviewId });
    let problem: MockFailure | null = null;
    session.on('trackStopped', (_kind, reason) => {
      if (reason !== 'stopped') problem = reason === 'storage-full' ? 'storage-full' : 'recording';
    });
    await session.record(stream, 'self', 'candidate');
    for (let second = 1; second <= MOCK_SECONDS; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      setElapsed(second);
    }
    await session.stop();
    if (problem !== null) throw new MockFailed(problem);
  }

  async function run(): Promise<void> {
    setStep('recording');
    setElapsed(0);
    setFailure(null);
    setResult(null);
    const release = vault.holdOpen();
    const interviewId = `mock-${randomId()}` as InterviewId;
    let stream: MediaStream | null = null;
    let stage: MockFailure = 'camera';
    try {
      stream = await openCameraAndMicrophone();
      stage = 'storage';
      await vault.interviews.ensure({ id: interviewId, role: 'candidate', createdAt: Date.now(), details: null, candidateToken: '', interviewerToken: null, candidateKey: null });
      stage = 'recording';
      await record(interviewId, stream);
      stopStream(stream);
      setStep('checking');
      stage = 'storage';
      const dataKey = await vault.interviews.dataKey(interviewId);
      const [track] = await listTracks(vault.db, dataKey, interviewId);
      if (track === undefined || track.slices === 0) throw new MockFailed('recording');
      const blob = await playableTrack(vault.db, dataKey, interviewId, track.trackId, track.description.mimeType);
      stage = 'playback';
      url = URL.createObjectURL(blob);
      setResult({ url, slices: track.slices, durationMs: await mediaDuration(url) });
      setStep('done');
    } catch (error) {
      if (error instanceof MockFailed) setFailure(error.reason);
      else if (error instanceof StorageFullError) setFailure('storage-full');
      else if (error instanceof MediaError) setFailure('camera');
      else setFailure(stage);
      setStep('failed');
    } finally {
      stopStream(stream);
      // The test recording is not an interview: it never stays in the archive.
      await vault.interviews.delete(interviewId).catch(() => undefined);
      release();
    }
  }

  return { step, elapsed, result, failure, run };
}
