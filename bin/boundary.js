#!/usr/bin/env node
// Runs the built CLI (npm run build first): one bundle for the pure commands, which imports the
// compiled service for start and worker (scripts/bundle-cli.ts).
import '../dist/src/cli/boundary.js';
