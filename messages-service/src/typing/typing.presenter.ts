import type { TypingEvent } from '@partyline/contracts';

import type { TypingNotice } from './typing.service.js';

export const presentTyping = (t: TypingNotice): TypingEvent => ({
  partyId: t.partyId,
  topicId: t.topicId,
  userId: t.userId,
  displayName: t.displayName,
  expiresAt: t.expiresAt.toISOString(),
});
