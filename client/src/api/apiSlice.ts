import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';

import { refreshAccessToken } from '../features/auth/refresh';

interface TokenState {
  auth: { accessToken: string | null };
}

const rawBaseQuery = fetchBaseQuery({
  // Absolute so that the same code runs in the browser and under jsdom.
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  credentials: 'same-origin',
  prepareHeaders: (headers, { getState }) => {
    const token = (getState() as TokenState).auth.accessToken;
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return headers;
  },
});

const urlOf = (args: string | FetchArgs) => (typeof args === 'string' ? args : args.url);
// Sign-in, refresh and sign-out answer 401 for their own reasons; retrying them after a refresh is wrong.
const isSessionRoute = (url: string) => /^\/?api\/auth\/(refresh|dev|logout)$/.test(url);

/** On a 401, refresh the access token once (shared by concurrent callers) and retry the request. */
const baseQueryWithReauth: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (
  args,
  api,
  extraOptions,
) => {
  const tokenBefore = (api.getState() as TokenState).auth.accessToken;
  let result = await rawBaseQuery(args, api, extraOptions);
  if (result.error?.status === 401 && !isSessionRoute(urlOf(args))) {
    const tokenNow = (api.getState() as TokenState).auth.accessToken;
    // Another request may already have refreshed while this one was in flight.
    const outcome =
      tokenNow && tokenNow !== tokenBefore ? 'refreshed' : await refreshAccessToken(api.dispatch);
    if (outcome === 'refreshed') result = await rawBaseQuery(args, api, extraOptions);
  }
  return result;
};

export const apiSlice = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithReauth,
  tagTypes: ['Me', 'Providers', 'Party', 'Topic', 'Member', 'Invite', 'Message', 'Unread'],
  endpoints: () => ({}),
});

/** A readable message from an RTK Query error (the services answer `{ error: { code, message } }`). */
export function errorMessage(error: unknown, fallback = 'Something went wrong'): string {
  if (error && typeof error === 'object') {
    const data = (error as { data?: unknown }).data;
    if (data && typeof data === 'object' && 'error' in data) {
      const inner = (data as { error?: { message?: unknown } }).error;
      if (inner && typeof inner.message === 'string') return inner.message;
    }
    const status = (error as { status?: unknown }).status;
    if (status === 'FETCH_ERROR') return 'Cannot reach the server. Check your connection.';
    if ('message' in error && typeof (error as { message?: unknown }).message === 'string') {
      return (error as { message: string }).message;
    }
  }
  return fallback;
}

export function errorCode(error: unknown): string | undefined {
  const data = error && typeof error === 'object' ? (error as { data?: unknown }).data : undefined;
  if (data && typeof data === 'object' && 'error' in data) {
    const code = (data as { error?: { code?: unknown } }).error?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
