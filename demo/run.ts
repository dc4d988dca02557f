import { runDemo } from './run-demo.js';

// `npm run demo`: exits 1 when any event did not go as the scenario expects.
runDemo().then(
  (result) => process.exit(result.mismatches ? 1 : 0),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
