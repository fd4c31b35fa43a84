import { SEARCH_PAGE_MAX } from '@partyline/contracts/limits';

import { apiSlice } from '../../api/apiSlice';
import type { Message, SearchReply } from '../../api/types';

export interface SearchArgs {
  partyId: string;
  q: string;
  /** Only this member's messages (the server filters, so the page is not thinned out afterwards). */
  authorId?: string;
  /** Only this topic's messages. */
  topicId?: string;
}

const searchApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /** Full-text search over a party's messages, newest first, narrowed by author and topic on the server. */
    searchMessages: build.query<Message[], SearchArgs>({
      query: ({ partyId, q, authorId, topicId }) => ({
        url: `/api/parties/${partyId}/search`,
        params: {
          q,
          limit: SEARCH_PAGE_MAX,
          ...(authorId ? { authorId } : {}),
          ...(topicId ? { topicId } : {}),
        },
      }),
      transformResponse: (reply: SearchReply) => reply.messages,
      keepUnusedDataFor: 30,
    }),
  }),
});

export const { useSearchMessagesQuery } = searchApi;
