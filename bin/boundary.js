#!/usr/bin/env node
// Runs the built CLI (npm run build first): one bundle for the pure commands, which imports the
// compiled service for start and worker (scripts/bundle-cli.ts).
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code on disk between runs, so a second `boundary hours` skips
// compiling the bundle; older Nodes lack it and start as before.
module.enableCompileCache?.();
await import('../dist/src/cli/boundary.js');
