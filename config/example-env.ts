import { VARS, type VarSpec } from './schema.js';

/** Renders config/example.env from the schema, grouped, with each variable's meaning and default. */
export function exampleEnv(): string {
  const lines = ['# Boundary configuration. Copy to .env and adjust; every variable is optional unless noted.', '# Generated from config/schema.ts by `npx tsx scripts/write-example-env.ts`.', ''];
  let group = '';
  for (const spec of VARS as readonly VarSpec[]) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push(`# ── ${group} ──`);
    }
    lines.push(`# ${spec.doc}`);
    lines.push(spec.default !== undefined && spec.default !== '' ? `# ${spec.name}=${spec.default}` : `# ${spec.name}=`);
    lines.push('');
  }
  return lines.join('\n');
}
