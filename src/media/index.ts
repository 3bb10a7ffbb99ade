/** Devices and local media. Recording and checks join here in later issues. */
export { MediaError, openCameraAndMicrophone, setTracksEnabled, stopStream, type MediaFailure } from './local-media';
