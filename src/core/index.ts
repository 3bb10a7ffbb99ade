/** Pure domain: no DOM, no I/O, no imports from other modules. */
export * from './ids';
export * from './roles';
export * from './emitter';
export * from './passphrase';
export * from './schedule';
export * from './session';
export * from './timeline';
export * from './setup';
