// The stores of a service instance: one Mongo connection with every feature's models bound to it (indexes
// created before anything serves), and Redis for rate limits and OAuth state.
import { createIdentityModel } from '../auth/identities.model.js';
import { connectMongo, ensureIndexes } from '../db/mongo.js';
import { createMembershipModels } from '../memberships/memberships.model.js';
import { createSessionModel } from '../sessions/sessions.model.js';
import { createUserModel } from '../users/users.model.js';
import type { Config } from './config.js';
import { connectRedis } from './redis.js';

export async function openStores(config: Config) {
  const mongo = await connectMongo(config.mongoUrl);
  const models = {
    users: createUserModel(mongo.connection),
    identities: createIdentityModel(mongo.connection),
    sessions: createSessionModel(mongo.connection),
    ...createMembershipModels(mongo.connection),
  };
  await ensureIndexes(Object.values(models));
  const redis = await connectRedis(config.redisUrl, config.redisClusterNodes);
  return { ...mongo, models, redis };
}
