import { loadConfig } from '../../config/load.js';
import { sendHeld } from '../../src/pipeline/held-messages.js';
import type { HeldDrafts, SendProgress } from '../../src/providers/types.js';
import { createRuntime } from '../../src/runtime.js';

/**
 * One send of one held draft in its own process, which stops dead at a chosen point so the test
 * can SIGKILL it there: `before-send` (the row says sending, nothing went out), a step name (the
 * provider asked to record that step; it is not written), `after-appended` (the Sent copy is
 * recorded, the draft still there) or `after-send` (the draft is gone, `sent` is not recorded).
 * It prints `at <point>` and waits. The kill itself is the test's.
 */
const { HELD_ID, KILL_AT } = process.env;
const runtime = await createRuntime(loadConfig(process.env));
const hang = (point: string): Promise<never> => {
  process.stdout.write(`at ${point}\n`);
  return new Promise(() => {});
};
const stopping = (inner: SendProgress): SendProgress => ({
  get step() {
    return inner.step;
  },
  async record(step) {
    if (step === KILL_AT) await hang(step);
    await inner.record(step);
    if (KILL_AT === 'after-appended' && step === 'appended') await hang(KILL_AT);
  },
});
const factory = runtime.pipeline.providers;
runtime.pipeline.providers = async (account) => {
  const provider = await factory(account);
  const held = provider.heldDrafts!;
  const wrapped: HeldDrafts = {
    listMarked: (known) => held.listMarked(known),
    get: (id) => held.get(id),
    async send(id, progress) {
      if (KILL_AT === 'before-send') await hang(KILL_AT);
      const sent = await held.send(id, progress ? stopping(progress) : undefined);
      if (KILL_AT === 'after-send') await hang(KILL_AT);
      return sent;
    },
  };
  return Object.assign(Object.create(provider) as typeof provider, { heldDrafts: wrapped });
};
const outcome = await sendHeld(runtime.pipeline, HELD_ID!);
process.stdout.write(`done ${outcome}\n`);
await runtime.close();
