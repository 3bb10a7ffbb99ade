/** The one place zip.js is configured: on the calling thread, so Vite needs no worker script and Node no polyfill. */
import { configure } from '@zip.js/zip.js';

configure({ useWebWorkers: false });

export { BlobReader, ZipReader, ZipWriter, type Entry, type FileEntry } from '@zip.js/zip.js';
