/**
 * The device check: each check runs for real (camera, microphone level,
 * speakers by asking, the signaling server, a WebRTC loopback, storage,
 * browser features) and ends as pass, warn or fail with what to do.
 */
import { createSignal, onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { MediaError, stopStream } from '../../media';
import { defaultSignalingUrl } from '../../net';
import { fetchIceServers } from './ice-servers';
import { BYTES_PER_MINUTE } from './storage-store';

export type CheckName = 'browser' | 'camera' | 'microphone' | 'speakers' | 'signaling' | 'webrtc' | 'storage';
export type CheckStatus = 'pending' | 'pass' | 'warn' | 'fail';
export interface CheckResult {
  status: CheckStatus;
  /** A message key suffix saying what was found and what to do. */
  advice: string;
  figure?: string;
}

export const CHECKS: readonly CheckName[] = ['browser', 'camera', 'microphone', 'speakers', 'signaling', 'webrtc', 'storage'];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

export function createDeviceCheckStore() {
  const [results, setResults] = createStore<Record<CheckName, CheckResult>>(
    Object.fromEntries(CHECKS.map((name) => [name, { status: 'pending', advice: 'pending' }])) as Record<CheckName, CheckResult>,
  );
  const [devices, setDevices] = createSignal<{ cameras: MediaDeviceInfo[]; microphones: MediaDeviceInfo[] }>({ cameras: [], microphones: [] });
  const [stream, setStream] = createSignal<MediaStream | null>(null);
  const [level, setLevel] = createSignal(0);
  let audio: AudioContext | null = null;
  let meter: number | undefined;
  onCleanup(() => {
    stopStream(stream());
    cancelAnimationFrame(meter ?? 0);
    void audio?.close();
  });

  const set = (name: CheckName, result: CheckResult) => setResults(name, result);

  function checkBrowser(): void {
    const missing = [
      typeof RTCPeerConnection === 'function' ? null : 'webrtc',
      typeof MediaRecorder === 'function' && MediaRecorder.isTypeSupported('video/webm') ? null : 'recorder',
      typeof indexedDB === 'object' ? null : 'indexeddb',
      crypto?.subtle ? null : 'crypto',
    ].filter(Boolean);
    const opfs = typeof navigator.storage?.getDirectory === 'function';
    set('browser', missing.length > 0 ? { status: 'fail', advice: 'browser-fail', figure: missing.join(', ') } : { status: opfs ? 'pass' : 'warn', advice: opfs ? 'browser-pass' : 'browser-warn' });
  }

  async function refreshDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices();
    setDevices({ cameras: all.filter((d) => d.kind === 'videoinput'), microphones: all.filter((d) => d.kind === 'audioinput') });
  }

  /** Opens the chosen devices, shows the picture, and listens for the voice. */
  async function openDevices(cameraId?: string, microphoneId?: string): Promise<void> {
    stopStream(stream());
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        video: cameraId ? { deviceId: { exact: cameraId } } : true,
        audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
      });
      setStream(media);
      set('camera', media.getVideoTracks().length > 0 ? { status: 'pass', advice: 'camera-pass', figure: media.getVideoTracks()[0]?.label ?? '' } : { status: 'fail', advice: 'camera-fail' });
      await refreshDevices();
      listen(media);
    } catch (error) {
      const reason = error instanceof DOMException && error.name === 'NotAllowedError' ? 'camera-denied' : 'camera-fail';
      set('camera', { status: 'fail', advice: error instanceof MediaError ? 'camera-fail' : reason });
      set('microphone', { status: 'fail', advice: reason });
    }
  }

  function listen(media: MediaStream): void {
    cancelAnimationFrame(meter ?? 0);
    void audio?.close();
    audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(media).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const started = performance.now();
    set('microphone', { status: 'pending', advice: 'microphone-listening' });
    const frame = () => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
      setLevel(Math.min(1, rms * 4));
      peak = Math.max(peak, rms);
      if (peak > 0.01) set('microphone', { status: 'pass', advice: 'microphone-pass' });
      else if (performance.now() - started > 5000) set('microphone', { status: 'warn', advice: 'microphone-quiet' });
      meter = requestAnimationFrame(frame);
    };
    frame();
  }

  /** A short tone; the user says whether they heard it. */
  function playTone(): void {
    const context = audio ?? new AudioContext();
    audio = context;
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 440;
    oscillator.connect(context.destination);
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
    set('speakers', { status: 'pending', advice: 'speakers-asked' });
  }

  function heardTone(heard: boolean): void {
    set('speakers', heard ? { status: 'pass', advice: 'speakers-pass' } : { status: 'fail', advice: 'speakers-fail' });
  }

  async function checkSignaling(): Promise<void> {
    const started = performance.now();
    try {
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          const socket = new WebSocket(defaultSignalingUrl(location));
          socket.onopen = () => socket.send(JSON.stringify({ type: 'ping' }));
          socket.onmessage = () => {
            socket.close();
            resolve();
          };
          socket.onerror = () => reject(new Error('unreachable'));
        }),
        5000,
      );
      set('signaling', { status: 'pass', advice: 'signaling-pass', figure: `${Math.round(performance.now() - started)} ms` });
    } catch {
      set('signaling', { status: 'fail', advice: 'signaling-fail' });
    }
  }

  /** Two connections on this page exchange a message: WebRTC works here, with this deployment's ICE servers. */
  async function checkWebrtc(): Promise<void> {
    const config = { iceServers: (await fetchIceServers()) ?? [] };
    const a = new RTCPeerConnection(config);
    const b = new RTCPeerConnection(config);
    try {
      a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
      b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
      const received = new Promise<void>((resolve) => (b.ondatachannel = (e) => (e.channel.onmessage = () => resolve())));
      const channel = a.createDataChannel('check');
      channel.onopen = () => channel.send('ping');
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);
      await withTimeout(received, 5000);
      set('webrtc', { status: config.iceServers.length > 0 ? 'pass' : 'warn', advice: config.iceServers.length > 0 ? 'webrtc-pass' : 'webrtc-local' });
    } catch {
      set('webrtc', { status: 'fail', advice: 'webrtc-fail' });
    } finally {
      a.close();
      b.close();
    }
  }

  async function checkStorage(): Promise<void> {
    const persisted = (await navigator.storage?.persist?.()) ?? false;
    const { quota = 0, usage = 0 } = (await navigator.storage?.estimate?.()) ?? {};
    const minutes = Math.floor((quota - usage) / BYTES_PER_MINUTE);
    const status: CheckStatus = minutes < 5 ? 'fail' : minutes < 60 || !persisted ? 'warn' : 'pass';
    set('storage', { status, advice: status === 'pass' ? 'storage-pass' : minutes < 60 ? 'storage-low' : 'storage-not-persistent', figure: String(minutes) });
  }

  async function runAll(): Promise<void> {
    checkBrowser();
    await Promise.all([openDevices(), checkSignaling(), checkWebrtc(), checkStorage()]);
  }

  return { results, devices, stream, level, runAll, refreshDevices, openDevices, playTone, heardTone };
}
