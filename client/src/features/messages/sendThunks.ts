import { errorMessage } from '../../api/apiSlice';
import type { Message } from '../../api/types';
import type { AppThunk } from '../../app/rootReducer';
import { emitWithAck, isSocketConnected } from '../../socket/socketClient';
import { selectTopicWindow } from './historyThunks';
import { messagesApi } from './messagesApi';
import { messageStored, type UpdateTopicWindow } from './messageStored';
import { newNonce } from './nonce';
import { sendFailed, sendQueued, sendRetried } from './outboxSlice';

const deliver =
  (nonce: string): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const pending = getState().outbox.entities[nonce];
    if (!pending) return;
    const { topicId, body } = pending;
    try {
      let message: Message;
      if (isSocketConnected()) {
        const reply = await emitWithAck('message:send', { topicId, body, nonce });
        if (!reply.ok) throw new Error(reply.error.message);
        message = reply.message;
      } else {
        message = await dispatch(
          messagesApi.endpoints.postMessage.initiate({ topicId, body, nonce }),
        ).unwrap();
      }
      const stored = message;
      const updateWindow: UpdateTopicWindow = (recipe) =>
        void dispatch(messagesApi.util.updateQueryData('getMessages', stored.topicId, recipe));
      messageStored(stored, updateWindow, dispatch);
    } catch (err) {
      dispatch(sendFailed({ nonce, error: errorMessage(err, 'Not sent') }));
    }
  };

/** Shows the message at once as pending, then sends it; the nonce makes a retry safe. */
export const sendMessage =
  (args: { topicId: string; partyId: string; body: string }): AppThunk<Promise<void>> =>
  async (dispatch, getState) => {
    const nonce = newNonce();
    dispatch(sendQueued({ ...args, nonce, createdAt: new Date().toISOString() }));
    // Writing while reading old history: go back to the present so the message lands in view.
    if (selectTopicWindow(getState(), args.topicId)?.hasNewer) {
      dispatch(messagesApi.util.invalidateTags([{ type: 'Message', id: args.topicId }]));
    }
    await dispatch(deliver(nonce));
  };

export const retrySend =
  (nonce: string): AppThunk<Promise<void>> =>
  async (dispatch) => {
    dispatch(sendRetried(nonce));
    await dispatch(deliver(nonce));
  };
