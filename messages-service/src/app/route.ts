// This service's route definitions: the shared route table, with the acting user as the handler context.
import { routeDefiner, type AnyRouteDef as AnyRoute } from '@partyline/http';

import type { Actor } from '../shared/actor.js';

export { Reply } from '@partyline/http';
export type AnyRouteDef = AnyRoute<Actor>;
export const defineRoute = routeDefiner<Actor>();
