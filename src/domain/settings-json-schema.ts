import { Settings } from './settings.js';

/**
 * config/settings.schema.json: the TypeBox schema as plain JSON Schema, describing the file a
 * user writes. Properties with a default are not required there, because parseSettings fills
 * them in before checking. JSON.stringify drops TypeBox's symbol keys.
 */
export function settingsSchemaText(): string {
  return `${JSON.stringify(optionalDefaults(JSON.parse(JSON.stringify(Settings))), null, 2)}\n`;
}

function optionalDefaults(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(optionalDefaults);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = optionalDefaults(v);
  const props = out.properties as Record<string, { default?: unknown }> | undefined;
  if (props && Array.isArray(out.required)) {
    out.required = (out.required as string[]).filter((name) => props[name]?.default === undefined);
    if ((out.required as string[]).length === 0) delete out.required;
  }
  return out;
}
