import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll } from 'vitest';
import { createOutlookProvider } from '../../src/providers/outlook/provider.js';
import type { DraftWriter } from '../../src/providers/types.js';
import { startGraphEmulator, type GraphEmulator } from '../../dev/emulators/microsoft/index.js';
import { draftWriterContract } from './draft-writer-suite.js';

/** The Outlook draft writer (Graph Create message with MIME) against the Graph emulator, read back through Graph. */

let original: Dispatcher;
beforeAll(() => {
  original = getGlobalDispatcher();
});
afterAll(() => setGlobalDispatcher(original));

let emulator: GraphEmulator | undefined;
let token = '';

interface GraphDraft { id: string; subject: string; isDraft: boolean; conversationId: string; parentFolderId: string; internetMessageId: string;
  toRecipients: Array<{ emailAddress: { address: string } }>; body: { content: string }; internetMessageHeaders: Array<{ name: string; value: string }> }

async function byMessageId(messageId: string): Promise<GraphDraft[]> {
  const url = new URL(`${emulator!.baseUrl}/v1.0/me/messages`);
  url.searchParams.set('$filter', `internetMessageId eq '${messageId}'`);
  url.searchParams.set('$select', 'subject,isDraft,conversationId,parentFolderId,internetMessageId,toRecipients,body,internetMessageHeaders');
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { value: GraphDraft[] }).value;
}

draftWriterContract({
  name: 'outlook adapter + Graph emulator',
  threads: true,
  async start() {
    emulator = await startGraphEmulator();
    setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } }));
    token = emulator.control.accessToken();
    const provider = createOutlookProvider({
      baseUrl: emulator.baseUrl, getAccessToken: async () => token, notificationUrl: 'http://127.0.0.1:9/unused', lifecycleUrl: 'http://127.0.0.1:9/unused',
      clientState: 'contract-client-state-0123456789', now: () => new Date(), draftWriter: true,
    });
    return { mail: provider, writer: provider.draftWriter as DraftWriter, control: emulator.control };
  },
  async read(draftId, messageId) {
    const m = (await byMessageId(messageId)).find((d) => d.id === draftId);
    if (!m) return null;
    return {
      subject: m.subject,
      to: m.toRecipients.map((r) => r.emailAddress.address),
      messageId: m.internetMessageId,
      inReplyTo: m.internetMessageHeaders.find((h) => h.name.toLowerCase() === 'in-reply-to')?.value ?? null,
      text: m.body.content,
      thread: m.conversationId,
      isDraft: m.isDraft && m.parentFolderId === 'AAMkDrafts-folder',
    };
  },
  count: async (messageId) => (await byMessageId(messageId)).filter((d) => d.isDraft).length,
  async stop() {
    await emulator?.close();
    emulator = undefined;
  },
});
