// Preload (`node --import tsx --import ./test/support/module-trace.mjs …`) that writes every module
// the process loads to MODULE_TRACE_FILE: ES modules through a resolve hook, CommonJS from the
// require cache at exit. It lets a test say what a command must not load.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const file = process.env.MODULE_TRACE_FILE;
if (file) {
  register('./module-trace-hooks.mjs', import.meta.url, { data: { file } });
  process.on('exit', () => appendFileSync(file, `${Object.keys(Module._cache).map((p) => `file://${p}`).join('\n')}\n`));
}
