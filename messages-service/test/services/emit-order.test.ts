// The per-topic emit line of one instance: committed sends go out in seq order, a send that failed does
// not hold the line, and a send that entered after a commit came back is never waited for.
import { describe, expect, it } from 'vitest';

import { createEmitOrder } from '../../src/messages/emit-order.js';

describe('emit order of one instance', () => {
  it('when commits come back as 3, 1, 2, then they are emitted as 1, 2, 3', async () => {
    const order = createEmitOrder();
    const emitted: number[] = [];
    const [a, b, c] = [order.enter('t'), order.enter('t'), order.enter('t')];
    const done = [
      c.committed(3, () => emitted.push(3)),
      a.committed(1, () => emitted.push(1)),
      b.committed(2, () => emitted.push(2)),
    ];
    await Promise.all(done);
    expect(emitted).toEqual([1, 2, 3]);
  });

  it('when a send before a commit fails, then the commit goes out once it has failed', async () => {
    const order = createEmitOrder();
    const emitted: number[] = [];
    const failing = order.enter('t');
    const sent = order.enter('t').committed(7, () => emitted.push(7));
    await Promise.resolve();
    expect(emitted).toEqual([]);
    failing.abandon();
    await sent;
    expect(emitted).toEqual([7]);
  });

  it('when a send enters after a commit came back, then that commit does not wait for it', async () => {
    const order = createEmitOrder();
    const emitted: number[] = [];
    const first = order.enter('t');
    const firstDone = first.committed(1, () => emitted.push(1));
    const later = order.enter('t');
    await firstDone;
    expect(emitted).toEqual([1]);
    await later.committed(2, () => emitted.push(2));
    expect(emitted).toEqual([1, 2]);
  });

  it('when two topics are busy, then one never waits for the other', async () => {
    const order = createEmitOrder();
    const emitted: string[] = [];
    const slow = order.enter('a');
    await order.enter('b').committed(1, () => emitted.push('b1'));
    expect(emitted).toEqual(['b1']);
    await slow.committed(1, () => emitted.push('a1'));
    expect(emitted).toEqual(['b1', 'a1']);
  });

  it('when an emit throws, then the line still moves on', async () => {
    const order = createEmitOrder();
    const emitted: number[] = [];
    const a = order.enter('t');
    const b = order.enter('t');
    const second = b.committed(2, () => emitted.push(2));
    await expect(
      a.committed(1, () => {
        throw new Error('socket gone');
      }),
    ).rejects.toThrow('socket gone');
    await second;
    expect(emitted).toEqual([2]);
  });
});
