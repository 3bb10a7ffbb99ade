/** Evidence bundles: BagIt bags in streamed zips, signed with signify-compatible Ed25519; and their verifier. */
export { writeBundle, type BagDescription, type PayloadFile, type WriteOptions, type WrittenBundle } from './bundle-writer';
export { collectPayload, type ChainFile } from './collect';
export { bundleName, exportBundle, SOFTWARE, type ExportVault } from './export';
export { unsafeName, verifyBundle, type BagSummary, type VerifyOptions, type VerifyResult } from './verify';
export { textPayload } from './streams';
