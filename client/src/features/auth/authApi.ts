import { apiSlice } from '../../api/apiSlice';
import type { Providers, Session } from '../../api/types';
import { sessionReceived, signedOut } from './authSlice';

const authApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    getProviders: build.query<Providers, void>({
      query: () => '/api/auth/providers',
      providesTags: ['Providers'],
    }),
    devSignIn: build.mutation<Session, { username: string }>({
      query: (body) => ({ url: '/api/auth/dev', method: 'POST', body }),
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        // A refusal (400, 429) is shown by the form from the mutation's own result.
        const result = await queryFulfilled.catch(() => null);
        if (result) dispatch(sessionReceived(result.data));
      },
    }),
    signOut: build.mutation<void, void>({
      query: () => ({ url: '/api/auth/logout', method: 'POST' }),
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        await queryFulfilled.catch(() => undefined);
        dispatch(signedOut());
      },
    }),
    signOutEverywhere: build.mutation<void, void>({
      query: () => ({ url: '/api/auth/logout-all', method: 'POST' }),
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        await queryFulfilled;
        dispatch(signedOut());
      },
    }),
  }),
});

export const {
  useGetProvidersQuery,
  useDevSignInMutation,
  useSignOutMutation,
  useSignOutEverywhereMutation,
} = authApi;

/** Only same-site relative paths may be returned to after sign-in (no `//evil.example`, no schemes). */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/signin')) return '/';
  return value;
}
