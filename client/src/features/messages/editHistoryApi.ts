import { apiSlice } from '../../api/apiSlice';
import type { MessageEdit } from '../../api/types';

const editHistoryApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /** Earlier versions of a message, oldest first (GET /api/messages/:messageId/edits). */
    getMessageEdits: build.query<MessageEdit[], string>({
      query: (messageId) => `/api/messages/${messageId}/edits`,
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useGetMessageEditsQuery } = editHistoryApi;
