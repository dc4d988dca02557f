import type { Runtime } from '../../src/runtime.js';
import type { Processors } from '../main.js';

/** Wires each job name to its handler. Handlers are small files beside this one. */
export function buildProcessors(_runtime: Runtime): Processors {
  return {};
}
