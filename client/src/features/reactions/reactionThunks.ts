import type { MessageReactionsReply } from '@partyline/contracts';

import type { Message } from '../../api/types';
import type { AppThunk } from '../../app/rootReducer';
import { emitWithAck, isSocketConnected } from '../../socket/socketClient';
import { applyReactions } from '../messages/messagesAdapter';
import { messagesApi } from '../messages/messagesApi';
import { toggledReactions } from './reactionLogic';

const reactionsApi = messagesApi.injectEndpoints({
  endpoints: (build) => ({
    setReaction: build.mutation<MessageReactionsReply, { messageId: string; emoji: string; add: boolean }>({
      query: ({ messageId, emoji, add }) => ({
        url: `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`,
        method: add ? 'PUT' : 'DELETE',
      }),
    }),
  }),
});

/** The server's answer to a reaction change, over the socket when it is up, else over REST. */
async function send(
  dispatch: Parameters<AppThunk>[0],
  messageId: string,
  emoji: string,
  add: boolean,
): Promise<MessageReactionsReply> {
  if (isSocketConnected()) {
    const reply = await emitWithAck(add ? 'reaction:add' : 'reaction:remove', { messageId, emoji });
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { data: { error: reply.error } });
    return reply;
  }
  return dispatch(reactionsApi.endpoints.setReaction.initiate({ messageId, emoji, add })).unwrap();
}

/**
 * Adds or removes my reaction: shown at once, then replaced by the server's reactions (ack), or put back
 * as it was when the server refuses (the caller shows why). Both directions are idempotent on the
 * server, so a retry or a double click does no harm.
 */
export const setReaction =
  (message: Message, emoji: string, add: boolean): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const meId = getState().auth.user?.id;
    if (!meId) return;
    const before = message.reactions;
    const patch = (reactions: Message['reactions']) =>
      dispatch(
        messagesApi.util.updateQueryData('getMessages', message.topicId, (draft) => {
          const m = draft.entities[message.id];
          if (m) m.reactions = reactions;
        }),
      );
    const current =
      messagesApi.endpoints.getMessages.select(message.topicId)(getState()).data?.entities[message.id]
        ?.reactions ?? before;
    const optimistic = toggledReactions(current, emoji, meId, add);
    patch(optimistic);
    try {
      const reply = await send(dispatch, message.id, emoji, add);
      dispatch(
        messagesApi.util.updateQueryData('getMessages', message.topicId, (draft) =>
          applyReactions(draft, reply),
        ),
      );
    } catch (err) {
      // Back to what it was, unless a newer copy arrived meanwhile: undo only my own step (if it was one).
      if (optimistic === current) throw err;
      const now =
        messagesApi.endpoints.getMessages.select(message.topicId)(getState()).data?.entities[message.id]
          ?.reactions ?? current;
      patch(toggledReactions(now, emoji, meId, !add));
      throw err;
    }
  };
