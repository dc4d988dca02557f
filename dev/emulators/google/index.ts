export { startGoogleEmulator, type GoogleEmulator, type GoogleEmulatorOptions, type GoogleFault } from './server.js';
export type { GoogleControl, Notification, PushOptions } from './control.js';
export { googleEnvFor } from './env.js';
