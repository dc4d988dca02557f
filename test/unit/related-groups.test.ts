import { describe, expect, it } from 'vitest';
import { inLanes, relatedGroups } from '../../src/pipeline/related-groups.js';

describe('relatedGroups', () => {
  it('keeps items with a shared key together, in their order, and apart from the rest', () => {
    const items = [
      { id: 1, keys: ['a'] },
      { id: 2, keys: ['b'] },
      { id: 3, keys: ['a', 't1'] },
      { id: 4, keys: ['c'] },
      { id: 5, keys: ['b'] },
    ];
    expect(relatedGroups(items, (i) => i.keys).map((g) => g.map((i) => i.id))).toEqual([[1, 3], [2, 5], [4]]);
  });

  it('joins groups that a later item ties together, keeping the original order', () => {
    const items = [
      { id: 1, keys: ['sender:x'] },
      { id: 2, keys: ['sender:y'] },
      { id: 3, keys: ['sender:z'] },
      { id: 4, keys: ['sender:y', 'thread:x'] },
      { id: 5, keys: ['thread:x', 'sender:x'] },
    ];
    expect(relatedGroups(items, (i) => i.keys).map((g) => g.map((i) => i.id))).toEqual([[1, 2, 4, 5], [3]]);
  });
});

describe('inLanes', () => {
  it('never runs more than the lanes at once, and runs every item', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setImmediate(r));
      done.push(n);
      running -= 1;
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('starts nothing after a failure, lets the running ones finish, then throws the first failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = inLanes([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('first');
      await new Promise((r) => setImmediate(r));
      finished.push(n);
    });
    await expect(run).rejects.toThrow('first');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});
