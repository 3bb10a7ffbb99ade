// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { newSigningKeyPair, type SigningKeyPair } from '../../src/crypto';
import {
  DeliveryReceiver,
  DeliverySender,
  senderProgress,
  signOffer,
  vaultTarget,
  parseDeliveryMessage,
  WANT_WINDOW,
  type DeliveryMessage,
  type DeliveryProgress,
  type ReceiverProblem,
} from '../../src/delivery';
import { listTracks } from '../../src/vault';
import { deliveredTrack, IV, readBytes, recorder, side, sliceBytes, type Interviewer, type Recorder } from './fixtures';
import { wirePair, type WirePair } from './memory-wire';

function connect(from: Recorder, to: Interviewer, pair: WirePair = wirePair(), recorderKey: SigningKeyPair = from.identity) {
  const sender = new DeliverySender(pair.a, from.source, from.ledger, (offer) => signOffer(from.identity, IV, offer));
  const receiver = new DeliveryReceiver(pair.b, vaultTarget(to.db, to.dataKey, IV), recorderKey.publicKey, IV);
  const problems: ReceiverProblem[] = [];
  let received: DeliveryProgress | null = null;
  let sent: DeliveryProgress | null = null;
  receiver.on('problem', (problem) => problems.push(problem));
  receiver.on('progress', (progress) => (received = progress));
  sender.on('progress', (progress) => (sent = progress));
  receiver.start();
  return { pair, sender, receiver, problems, received: () => received, sent: () => sent };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('delivery over a wire', () => {
  it('delivers a finished track whole: same bytes, same hash chain, acknowledged and complete on both sides', async () => {
    const from = await recorder(12);
    const to = await side('interviewer');
    const link = connect(from, to);
    await until(() => link.sent()?.complete === true, 'the sender to see every slice acknowledged');

    const copy = (await deliveredTrack(to))!;
    const [original] = await listTracks(from.db, from.dataKey, IV);
    expect(copy).toMatchObject({ slices: 12, head: original!.head, description: { subject: 'candidate', stoppedAt: 13_000, sourceTrackId: from.writer.trackId } });
    expect(await readBytes(to.db, to.dataKey, copy.trackId)).toEqual(await readBytes(from.db, from.dataKey, from.writer.trackId));
    expect(link.received()).toEqual({ total: 12, delivered: 12, complete: true });
    expect(link.sender.sentSlices).toBe(12);
    expect(link.problems).toEqual([]);
    expect(await from.ledger.acked()).toEqual(new Map([[from.writer.trackId, 12]]));
  });

  it('asks for the next slices while half a window is still on its way, and never for one twice', async () => {
    const from = await recorder(3 * WANT_WINDOW);
    const to = await side('interviewer');
    const pair = wirePair();
    const fromReceiver: DeliveryMessage[] = [];
    const send = pair.b.send.bind(pair.b);
    pair.b.send = (frame) => {
      if (typeof frame === 'string') fromReceiver.push(parseDeliveryMessage(frame)!);
      send(frame);
    };
    const link = connect(from, to, pair);
    await until(() => link.sent()?.complete === true, 'every slice acknowledged');

    const wants = fromReceiver.flatMap((message) => (message.type === 'want' ? [[message.from, message.to]] : []));
    expect(wants.flat()).toEqual(wants.flat().slice().sort((a, b) => a - b));
    expect(wants.map(([wantFrom]) => wantFrom)).toEqual([0, ...wants.slice(0, -1).map(([, wantTo]) => wantTo)]);
    expect(wants.at(-1)![1]).toBe(3 * WANT_WINDOW);
    const ackedBeforeSecondWant = fromReceiver.slice(0, fromReceiver.findIndex((m) => m.type === 'want' && m.from > 0)).filter((m) => m.type === 'ack').length;
    expect(ackedBeforeSecondWant).toBe(WANT_WINDOW / 2);
    expect(link.sender.sentSlices).toBe(3 * WANT_WINDOW);
  });

  it('after a break, resumes from the first missing slice and re-sends nothing already held', async () => {
    const from = await recorder(20);
    const to = await side('interviewer');
    const first = connect(from, to);
    await until(async () => ((await deliveredTrack(to))?.slices ?? 0) >= 7, 'some slices to arrive');
    first.pair.cut();
    await first.receiver.close();
    const heldAtCut = (await deliveredTrack(to))!.slices;
    expect(heldAtCut).toBeLessThan(20);

    const second = connect(from, to);
    await until(() => second.sent()?.complete === true, 'delivery to finish on the second connection');
    const slicesSent = second.pair.sentAtoB.filter((frame) => typeof frame === 'string' && frame.includes('"type":"slice"'));
    const firstSeq = JSON.parse(slicesSent[0] as string) as { seq: number };
    expect(firstSeq.seq).toBe(heldAtCut);
    expect(second.sender.sentSlices).toBe(20 - heldAtCut);
    expect((await deliveredTrack(to))!.slices).toBe(20);
  });

  it('keeps up with a recording that is still growing, and completes once it stops', async () => {
    const from = await recorder(3, false);
    const to = await side('interviewer');
    const link = connect(from, to);
    await until(() => link.received()?.delivered === 3, 'the first three slices');
    expect(link.received()?.complete).toBe(false);
    for (let seq = 3; seq < 6; seq++) {
      await from.writer.append(sliceBytes(seq), 1000 + seq * 1000);
      link.sender.refresh();
    }
    await from.writer.finish('stopped', 7000);
    link.sender.refresh();
    await until(() => link.sent()?.complete === true, 'the grown track to be delivered');
    expect((await deliveredTrack(to))!.description.stoppedAt).toBe(7000);
    expect(await senderProgress(from.source, from.ledger)).toEqual({ total: 6, delivered: 6, complete: true });
  });

  it('drops a slice damaged in transit and asks for it again', async () => {
    const from = await recorder(5);
    const to = await side('interviewer');
    const pair = wirePair();
    let damaged = false;
    pair.alterAtoB = (frame) => {
      if (damaged || typeof frame === 'string') return frame;
      damaged = true;
      const bad = frame.slice();
      bad[100] = bad[100]! ^ 0xff;
      return bad;
    };
    const link = connect(from, to, pair);
    await until(() => link.sent()?.complete === true, 'delivery despite the damage');
    expect(link.problems).toContain('hash');
    expect(link.sender.sentSlices).toBeGreaterThan(5);
    const [original] = await listTracks(from.db, from.dataKey, IV);
    expect((await deliveredTrack(to))!.head).toBe(original!.head);
  });

  it('a second delivery of the same track stores nothing twice', async () => {
    const from = await recorder(4);
    const to = await side('interviewer');
    const first = connect(from, to);
    await until(() => first.sent()?.complete === true, 'the first delivery');
    const second = connect(from, to);
    await until(() => second.received()?.complete === true, 'the second connection to see it complete');
    expect(second.sender.sentSlices).toBe(0);
    expect(await to.db.slices.count()).toBe(4);
  });

  it('refuses offers not signed by the pinned key: nothing is asked for or stored', async () => {
    const from = await recorder(3);
    const to = await side('interviewer');
    const link = connect(from, to, wirePair(), newSigningKeyPair());
    await until(() => link.problems.includes('signature'), 'the bad signature to be noticed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(link.sender.sentSlices).toBe(0);
    expect(await to.db.slices.count()).toBe(0);
  });

  it('ignores malformed frames and acknowledgements for more than was offered', async () => {
    const from = await recorder(3);
    const to = await side('interviewer');
    const pair = wirePair();
    const link = connect(from, to, pair);
    pair.b.send('{"type":"ack","trackId":"' + from.writer.trackId + '","count":99}');
    pair.b.send('not json');
    pair.b.send(new Uint8Array([1, 2, 3]));
    pair.a.send(new Uint8Array([1, 2, 3]));
    await until(() => link.sent()?.complete === true, 'delivery despite the noise');
    expect(await from.ledger.acked()).toEqual(new Map([[from.writer.trackId, 3]]));
    expect(link.problems).toContain('protocol');
  });
});
