/** Writes config/settings.schema.json from the TypeBox schema: `npx tsx scripts/write-settings-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { settingsSchemaText } from '../src/domain/settings-json-schema.js';

const target = fileURLToPath(new URL('../config/settings.schema.json', import.meta.url));
writeFileSync(target, settingsSchemaText());
process.stdout.write(`wrote ${target}\n`);
