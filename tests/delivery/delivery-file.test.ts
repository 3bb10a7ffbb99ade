// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deriveDeliveryKeyPair, newSigningKeyPair, type InviteSecret } from '../../src/crypto';
import { DeliveryFileError, importDeliveryFile, signOffer, vaultTarget, writeDeliveryFile, type DeliveryFileProblem } from '../../src/delivery';
import { listTracks } from '../../src/vault';
import { deliveredTrack, IV, readBytes, recorder, side, type Interviewer, type Recorder } from './fixtures';

const interviewers = deriveDeliveryKeyPair(new Uint8Array(32).fill(9) as InviteSecret);

function writeFor(from: Recorder): Promise<Blob | null> {
  return writeDeliveryFile({
    interviewId: IV,
    recipient: interviewers.publicKey,
    recorderKey: from.identity.publicKey,
    source: from.source,
    ledger: from.ledger,
    sign: (offer) => signOffer(from.identity, IV, offer),
  });
}

async function fileFrom(from: Recorder): Promise<Blob> {
  const file = await writeFor(from);
  expect(file).not.toBeNull();
  return file!;
}

function importInto(to: Interviewer, file: Blob, from: Recorder, secretKey = interviewers.secretKey) {
  return importDeliveryFile(file, { interviewId: IV, secretKey, recorderKey: from.identity.publicKey, target: vaultTarget(to.db, to.dataKey, IV) });
}

async function problemOf(promise: Promise<unknown>): Promise<DeliveryFileProblem> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryFileError);
  return (error as DeliveryFileError).problem;
}

async function withByteFlipped(file: Blob, at: number): Promise<Blob> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  bytes[at] = bytes[at]! ^ 0x01;
  return new Blob([bytes]);
}

describe('delivery files', () => {
  it('round trip: the interviewer ends up with the recorder’s exact track', async () => {
    const from = await recorder(6);
    const to = await side('interviewer');
    expect(await importInto(to, await fileFrom(from), from)).toEqual({ added: 6 });
    const copy = (await deliveredTrack(to))!;
    const [original] = await listTracks(from.db, from.dataKey, IV);
    expect(copy.head).toBe(original!.head);
    expect(await readBytes(to.db, to.dataKey, copy.trackId)).toEqual(await readBytes(from.db, from.dataKey, from.writer.trackId));
  });

  it('holds only what was not acknowledged, and completes a copy that has the rest', async () => {
    const from = await recorder(6);
    const to = await side('interviewer');
    // The first four arrived live, then the link was lost for good.
    const store = await vaultTarget(to.db, to.dataKey, IV)({ ...(await from.source.tracks())[0]! });
    for (let seq = 0; seq < 4; seq++) {
      const slice = (await from.source.read(from.writer.trackId, seq))!;
      expect(await store.put(seq, slice.bytes, slice.info)).toBeNull();
    }
    await from.ledger.acknowledge(from.writer.trackId, 4);
    const file = await fileFrom(from);
    expect(await importInto(to, file, from)).toEqual({ added: 2 });
    expect((await deliveredTrack(to))!.slices).toBe(6);
  });

  it('a file imported twice adds nothing the second time', async () => {
    const from = await recorder(3);
    const to = await side('interviewer');
    const file = await fileFrom(from);
    await importInto(to, file, from);
    expect(await importInto(to, file, from)).toEqual({ added: 0 });
    expect(await to.db.slices.count()).toBe(3);
  });

  it('refuses an altered, cut or foreign file and stores nothing', async () => {
    const from = await recorder(3);
    const to = await side('interviewer');
    const file = await fileFrom(from);
    expect(await problemOf(importInto(to, await withByteFlipped(file, file.size - 10), from))).toBe('damaged');
    expect(await problemOf(importInto(to, file.slice(0, file.size - 1000), from))).toBe('damaged');
    expect(await problemOf(importInto(to, await withByteFlipped(file, 5), from))).toBe('not-a-delivery-file');
    expect(await problemOf(importInto(to, file, from, deriveDeliveryKeyPair(new Uint8Array(32) as InviteSecret).secretKey))).toBe('not-for-us');
    const stranger = { ...from, identity: newSigningKeyPair() };
    expect(await problemOf(importInto(to, file, stranger))).toBe('other-device');
    expect(await to.db.slices.count()).toBe(0);
    expect(await to.db.recordings.count()).toBe(0);
  });

  it('says when a file starts after the slices this device holds', async () => {
    const from = await recorder(5);
    const to = await side('interviewer');
    await from.ledger.acknowledge(from.writer.trackId, 2);
    expect(await problemOf(importInto(to, await fileFrom(from), from))).toBe('gap');
    expect(await to.db.slices.count()).toBe(0);
  });

  it('has nothing to write when everything is acknowledged', async () => {
    const from = await recorder(2);
    await from.ledger.acknowledge(from.writer.trackId, 2);
    expect(await writeFor(from)).toBeNull();
  });
});
