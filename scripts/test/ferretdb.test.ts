import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackEnv, suffix } from './stack-env.js';

describe('the local stack FerretDB (MongoDB wire protocol)', () => {
  const dbName = `stack_probe_${suffix()}`;
  const connection = mongoose.createConnection(stackEnv.mongoUrl, { dbName, autoIndex: false });
  const Party = connection.model(
    'Party',
    new mongoose.Schema({ slug: { type: String, required: true, unique: true }, name: String }),
  );

  beforeAll(async () => {
    await connection.asPromise();
    await Party.createIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('when a document is inserted through mongoose, then it is found by a query', async () => {
    await Party.create({ slug: 'friends', name: 'Friends' });
    const found = await Party.findOne({ slug: 'friends' }).lean();
    expect(found?.name).toBe('Friends');
  });

  it('when a second document repeats a unique key, then the index rejects it with code 11000', async () => {
    await Party.create({ slug: 'dup', name: 'First' });
    await expect(Party.create({ slug: 'dup', name: 'Second' })).rejects.toMatchObject({ code: 11000 });
    expect(await Party.countDocuments({ slug: 'dup' })).toBe(1);
  });
});
