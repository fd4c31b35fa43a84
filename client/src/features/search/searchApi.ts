import { SEARCH_PAGE_MAX } from '@partyline/contracts/limits';

import { apiSlice } from '../../api/apiSlice';
import type { Message, SearchReply } from '../../api/types';

const searchApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /**
     * Full-text search over a party's messages, newest first. The API takes only `q` and `limit`, so the
     * author and topic filters work on the page it returns (the largest it allows).
     */
    searchMessages: build.query<Message[], { partyId: string; q: string }>({
      query: ({ partyId, q }) => ({
        url: `/api/parties/${partyId}/search`,
        params: { q, limit: SEARCH_PAGE_MAX },
      }),
      transformResponse: (reply: SearchReply) => reply.messages,
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useSearchMessagesQuery } = searchApi;
