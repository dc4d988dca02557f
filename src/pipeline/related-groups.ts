/**
 * Splits items into groups that share no key, each in the items' order: items with a key in
 * common (directly or through others) land in one group. A sync pass decides the groups side by
 * side and each group in order, so mail from one sender, client or thread is still decided one
 * message after another ("never twice" and the counters see the earlier one).
 */
export function relatedGroups<T>(items: T[], keysOf: (item: T) => string[]): T[][] {
  const groupOfKey = new Map<string, number>();
  const members: Array<number[] | null> = [];
  items.forEach((item, i) => {
    const keys = keysOf(item);
    const found = [...new Set(keys.map((k) => groupOfKey.get(k)).filter((g): g is number => g !== undefined))];
    const g = found.length === 0 ? members.push([]) - 1 : Math.min(...found);
    for (const other of found) {
      if (other === g) continue;
      members[g]!.push(...members[other]!);
      members[other] = null;
      for (const [k, v] of groupOfKey) if (v === other) groupOfKey.set(k, g);
    }
    members[g]!.push(i);
    for (const k of keys) groupOfKey.set(k, g);
  });
  return members.filter((m): m is number[] => m !== null).map((m) => m.sort((a, b) => a - b).map((i) => items[i]!));
}

/**
 * Runs `work` over the items with at most `lanes` at a time. After a failure no new item starts;
 * the ones running finish, then the first failure is thrown (nothing is left running behind it).
 */
export async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, async () => {
    while (failures.length === 0 && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (err) {
        failures.push(err);
      }
    }
  }));
  if (failures.length > 0) throw failures[0];
}
