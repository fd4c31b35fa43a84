import { describe, expect, it } from 'vitest';

import { createDocumentLock } from '../src/index.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createDocumentLock', () => {
  it('when two writes target one document, the second starts only after the first has finished', async () => {
    const lock = createDocumentLock();
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('u1', write('a')), lock.run('u1', write('b'))]);
    expect(results).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('when writes target different documents, they overlap', async () => {
    const lock = createDocumentLock();
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run('u1', write('a')), lock.run('u2', write('b'))]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });

  it('when a write fails, its caller gets the error and the next write on that document still runs', async () => {
    const lock = createDocumentLock();
    const failing = lock.run('u1', async () => {
      throw new Error('boom');
    });
    const next = lock.run('u1', async () => 'ok');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
