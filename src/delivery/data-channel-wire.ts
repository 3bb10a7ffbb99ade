/** A Wire over an RTCDataChannel, with back-pressure from `bufferedAmount`. */
import { HIGH_WATER_BYTES, LOW_WATER_BYTES, type Frame, type Wire } from './wire';

export function dataChannelWire(channel: RTCDataChannel): Wire & { opened: Promise<boolean> } {
  channel.binaryType = 'arraybuffer';
  channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
  const opened = new Promise<boolean>((resolve) => {
    if (channel.readyState === 'open') return resolve(true);
    channel.addEventListener('open', () => resolve(true), { once: true });
    channel.addEventListener('close', () => resolve(false), { once: true });
  });
  return {
    opened,
    get isOpen() {
      return channel.readyState === 'open';
    },
    send(frame: Frame) {
      if (channel.readyState !== 'open') return;
      try {
        if (typeof frame === 'string') channel.send(frame);
        else channel.send(frame as Uint8Array<ArrayBuffer>);
      } catch {
        // Closing under us: the close event follows and the peer asks again later.
      }
    },
    drained() {
      if (channel.bufferedAmount <= HIGH_WATER_BYTES || channel.readyState !== 'open') return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          channel.removeEventListener('bufferedamountlow', done);
          channel.removeEventListener('close', done);
          resolve();
        };
        channel.addEventListener('bufferedamountlow', done);
        channel.addEventListener('close', done);
      });
    },
    onFrame(handler) {
      channel.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (typeof event.data === 'string') handler(event.data);
        else if (event.data instanceof ArrayBuffer) handler(new Uint8Array(event.data));
      });
    },
    onClose(handler) {
      channel.addEventListener('close', () => handler(), { once: true });
    },
    close() {
      channel.close();
    },
  };
}
