/**
 * Where an export is written, as a stream, so memory stays flat however big
 * the bundle: the file the user picks (File System Access API), or else a file
 * in the origin's private file system that is then handed to the browser's
 * download manager from disk.
 */

interface SaveFilePicker {
  showSaveFilePicker(options: { suggestedName: string; types: Array<{ description: string; accept: Record<string, string[]> }> }): Promise<FileSystemFileHandle>;
}

export interface SaveTarget {
  writable: WritableStream<Uint8Array>;
  /** After a successful write: hands the file over (download) where needed. */
  finish(): Promise<void>;
  /** After a failure or cancel: removes what was written. */
  discard(): Promise<void>;
}

/** Private-file-system copies are deleted this long after the download starts. */
const DOWNLOAD_GRACE_MS = 5 * 60_000;

export function canPickFile(): boolean {
  return typeof (window as unknown as Partial<SaveFilePicker>).showSaveFilePicker === 'function';
}

async function pickedFile(fileName: string): Promise<SaveTarget> {
  const handle = await (window as unknown as SaveFilePicker).showSaveFilePicker({
    suggestedName: fileName,
    types: [{ description: 'Evidence bundle (zip)', accept: { 'application/zip': ['.zip'] } }],
  });
  const writable = await handle.createWritable();
  return {
    writable,
    finish: async () => undefined,
    discard: async () => {
      await writable.abort().catch(() => undefined);
      await (handle as FileSystemFileHandle & { remove?: () => Promise<void> }).remove?.().catch(() => undefined);
    },
  };
}

async function downloadedFile(fileName: string): Promise<SaveTarget> {
  const directory = await navigator.storage.getDirectory();
  const handle = await directory.getFileHandle(fileName, { create: true });
  const writable = await handle.createWritable();
  const remove = () => directory.removeEntry(fileName).catch(() => undefined);
  return {
    writable,
    async finish() {
      // A File from the private file system is backed by disk: the download never passes through memory.
      downloadBlob(await handle.getFile(), fileName);
      setTimeout(() => void remove(), DOWNLOAD_GRACE_MS);
    },
    async discard() {
      await writable.abort().catch(() => undefined);
      await remove();
    },
  };
}

/** Hands a file to the browser's download manager. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_GRACE_MS);
}

/** Throws an AbortError when the user closes the file picker. */
export function openSaveTarget(fileName: string): Promise<SaveTarget> {
  return canPickFile() ? pickedFile(fileName) : downloadedFile(fileName);
}
