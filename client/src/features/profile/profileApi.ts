// My profile: display name (PATCH /api/users/me) and avatar (presigned PUT straight to object storage, then
// `complete`, which makes the avatar). Each success updates the signed-in user at once; the other screens
// learn it from `member:updated` once accounts' UserUpdated reaches messages-service.
import type { AvatarUpload, CreateAvatarUploadBody } from '@partyline/contracts';
import { AVATAR_CONTENT_TYPES, AVATAR_UPLOAD_MAX_BYTES } from '@partyline/contracts/limits';

import { apiSlice } from '../../api/apiSlice';
import type { Me } from '../../api/types';
import { profileChanged } from '../auth/authSlice';

type Dispatch = (action: ReturnType<typeof profileChanged>) => unknown;

/** Copies the new public fields into the signed-in user when the request succeeds. */
const applyToMe = async (
  _arg: unknown,
  { dispatch, queryFulfilled }: { dispatch: Dispatch; queryFulfilled: Promise<{ data: Me }> },
) => {
  const result = await queryFulfilled.catch(() => null);
  if (result) {
    const { displayName, username, avatarUrl } = result.data;
    dispatch(profileChanged({ displayName, username, avatarUrl }));
  }
};

export const profileApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    updateProfile: build.mutation<Me, { displayName: string }>({
      query: (body) => ({ url: '/api/users/me', method: 'PATCH', body }),
      onQueryStarted: applyToMe,
    }),
    startAvatarUpload: build.mutation<AvatarUpload, CreateAvatarUploadBody>({
      query: (body) => ({ url: '/api/users/me/avatar', method: 'POST', body }),
    }),
    completeAvatar: build.mutation<Me, { uploadId: string }>({
      query: (body) => ({ url: '/api/users/me/avatar/complete', method: 'POST', body }),
      onQueryStarted: applyToMe,
    }),
    removeAvatar: build.mutation<Me, void>({
      query: () => ({ url: '/api/users/me/avatar', method: 'DELETE' }),
      onQueryStarted: applyToMe,
    }),
  }),
});

export const {
  useUpdateProfileMutation,
  useStartAvatarUploadMutation,
  useCompleteAvatarMutation,
  useRemoveAvatarMutation,
} = profileApi;

/** Why a picture cannot be an avatar before anything is sent, or null when it can be tried. */
export function avatarFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!(AVATAR_CONTENT_TYPES as readonly string[]).includes(file.type))
    return 'Choose a PNG, JPEG, WebP or GIF picture.';
  if (file.size > AVATAR_UPLOAD_MAX_BYTES)
    return `The picture is larger than ${AVATAR_UPLOAD_MAX_BYTES / 1024 / 1024} MB.`;
  return null;
}

/** PUTs the picture to the presigned URL with exactly the signed headers (the storage checks them). */
export async function putToStorage(target: AvatarUpload['upload'], file: Blob): Promise<void> {
  const res = await fetch(target.url, { method: 'PUT', headers: target.headers, body: file });
  if (!res.ok) throw new Error(`The upload failed (${res.status})`);
}
