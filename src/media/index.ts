/** Devices, local media and recording. */
export { MediaError, openCameraAndMicrophone, setTracksEnabled, stopStream, type MediaFailure } from './local-media';
export { RecordingSession, type RecordingTarget } from './recording-session';
export { pickMimeType, SlicedRecorder, TIMESLICE_MS, type RecorderStopReason, type SliceSink } from './sliced-recorder';
export { playableTrack } from './playback';
export { analyzeWebm, type SeekableLayout, WebmError } from './webm';
