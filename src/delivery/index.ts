/** Slice delivery from the recorder to the interviewer: live over a data channel, or later as a sealed file. */
export { dataChannelWire } from './data-channel-wire';
export { DeliveryConnection } from './delivery-connection';
export { ReceivingConnections, SendingConnections, type DeliverySignal } from './connections';
export {
  DELIVERY_FILE_EXTENSION,
  DeliveryFileError,
  importDeliveryFile,
  writeDeliveryFile,
  type DeliveryFileProblem,
  type DeliveryFileSource,
  type DeliveryFileTarget,
} from './delivery-file';
export { parseDeliveryMessage, type DeliveryMessage, type TrackOffer } from './messages';
export { signOffer, verifyOffer, type UnsignedOffer } from './offer';
export { type DeliveryProgress } from './progress';
export { DeliveryReceiver, WANT_WINDOW, type DeliveredStore, type DeliveryTarget, type ReceiverProblem } from './receiver';
export { DeliverySender, senderProgress, type AckLedger, type DeliverySource } from './sender';
export { vaultSource, vaultTarget } from './vault-source';
export { CHUNK_BYTES, HIGH_WATER_BYTES, type Frame, type Wire } from './wire';
