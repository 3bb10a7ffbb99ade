// The prebuilt browser bundle of simple-peer (as y-webrtc imports it): one shared copy, no Node polyfills.
declare module 'simple-peer/simplepeer.min.js' {
  // @types/simple-peer uses `export =`, which only this import form can re-export.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  import SimplePeer = require('simple-peer');
  export = SimplePeer;
}
