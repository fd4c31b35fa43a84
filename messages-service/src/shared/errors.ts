// Not-found errors shared by several features. Anything the actor may not see answers exactly like
// something that does not exist, so ids leak nothing.
import { AppError } from '@partyline/contracts';

export const partyNotFound = (): AppError => AppError.notFound('PARTY.NOT_FOUND', 'No such party');

export const topicNotFound = (): AppError => AppError.notFound('TOPIC.NOT_FOUND', 'No such topic');
