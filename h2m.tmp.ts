import { DateTime } from 'luxon';
import { renderMime } from './src/domain/reply/mime.js';
const m = renderMime({ from: { name: 'A', address: 'a@b.c' }, to: { address: 'x@y.z' }, subject: 'Re: Счёт за ноябрь и декабрь, а также акт сверки взаиморасчётов', inReplyTo: null, references: [], messageId: '<boundary.0123456789abcdef0123456789abcdef@hoxha.studio>', headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'bulk', 'X-Boundary-In-Reply-To': '<m1@acme.com>' }, text: 'x', html: 'x', language: 'en' }, { date: DateTime.utc() });
console.log(m.slice(0, m.indexOf('\r\n\r\n')).split('\r\n').map((l) => `${l.length} ${l}`).join('\n'));
