import { loadConfig } from '../../config/load.js';
import { sendReply } from '../../src/pipeline/send-reply.js';
import type { OutgoingMail, SendProgress } from '../../src/providers/types.js';
import { createRuntime } from '../../src/runtime.js';

/**
 * One send of one reply in its own process, which stops dead at a chosen point so the test can
 * SIGKILL it there: `before-send` (the ledger says sending, nothing went out), a step name (the
 * provider asked to record that step; it is not written), or `after-appended` (all recorded but
 * the ledger's `sent`). It prints `at <point>` and waits. The kill itself is the test's.
 */
const { REPLY_ID, KILL_AT } = process.env;
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
  return Object.assign(Object.create(provider) as typeof provider, {
    async send(mail: OutgoingMail) {
      if (KILL_AT === 'before-send') await hang(KILL_AT);
      return provider.send({ ...mail, ...(mail.progress ? { progress: stopping(mail.progress) } : {}) });
    },
  });
};
const outcome = await sendReply(runtime.pipeline, REPLY_ID!);
process.stdout.write(`done ${outcome}\n`);
await runtime.close();
