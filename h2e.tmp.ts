import { DateTime } from 'luxon';
import { explainCommand } from './src/cli/explain.js';
const f = process.argv[2]!;
const code = await explainCommand([`test/fixtures/eml/${f}`, '--settings', 'test/fixtures/settings.json', '--now', '2025-12-02T07:30:00Z'], { out: (s) => console.log(s), err: (s) => console.error('ERR', s), now: () => DateTime.utc() });
console.log('exit', code);
