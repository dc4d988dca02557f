import { writeFileSync } from 'node:fs';
import { exampleEnv } from '../config/example-env.js';

writeFileSync(new URL('../config/example.env', import.meta.url), exampleEnv());
console.log('wrote config/example.env');
