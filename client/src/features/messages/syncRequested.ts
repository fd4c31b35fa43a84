import { createAction } from '@reduxjs/toolkit';

/** Ask the sync listener to fetch what this client missed in these topics (a gap, or a reconnect). */
export const syncRequested = createAction<{ topicIds?: string[] }>('messages/syncRequested');
