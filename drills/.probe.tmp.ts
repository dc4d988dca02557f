import { revocationDrill, expiredHistoryDrill, randomFaultsDrill } from '/work/main/drills/google-faults.js';
import { subscriptionRemovedDrill } from '/work/main/drills/graph-subscription.js';
const which = process.argv[2];
const t = Date.now();
const r = which === 'rev' ? await revocationDrill() : which === 'exp' ? await expiredHistoryDrill() : which === 'graph' ? await subscriptionRemovedDrill() : await randomFaultsDrill({ messages: Number(process.argv[3] ?? 6), waitMs: 15_000 });
console.log(JSON.stringify(r, null, 1), (Date.now() - t) / 1000, 's');
process.exit(0);
