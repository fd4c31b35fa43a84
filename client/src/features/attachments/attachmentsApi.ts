// The attachments routes of messages-service (messages-service/src/attachments/attachments.routes.ts). The
// bytes never go through these: a PUT goes straight to the presigned storage URL (uploads.ts).
import type { AttachmentUpload, AttachmentUrl, MyAttachment } from '../../api/types';

import { apiSlice } from '../../api/apiSlice';

export type AttachmentVariant = 'original' | 'thumbnail';

export const attachmentsApi = apiSlice.injectEndpoints({
  endpoints: (build) => ({
    /** A pending upload and where to PUT its bytes (POST /api/topics/:topicId/attachments). */
    createUpload: build.mutation<
      AttachmentUpload,
      { topicId: string; name: string; size: number; contentType: string }
    >({
      query: ({ topicId, ...body }) => ({ url: `/api/topics/${topicId}/attachments`, method: 'POST', body }),
    }),
    /** The bytes are in the storage: the server checks them and makes the upload ready to send. */
    completeUpload: build.mutation<MyAttachment, string>({
      query: (id) => ({ url: `/api/attachments/${id}/complete`, method: 'POST' }),
    }),
    /** Cancels an unsent upload of mine (idempotent). */
    cancelUpload: build.mutation<void, string>({
      query: (id) => ({ url: `/api/attachments/${id}`, method: 'DELETE' }),
    }),
    /**
     * A short-lived presigned GET. Kept briefly (well under the URL's lifetime); useAttachmentUrl asks
     * again before `expiresAt`, so a URL is never used past its expiry.
     */
    getAttachmentUrl: build.query<AttachmentUrl, { id: string; variant: AttachmentVariant }>({
      query: ({ id, variant }) => `/api/attachments/${id}/url?variant=${variant}`,
      keepUnusedDataFor: 30,
    }),
  }),
});

export const {
  useCreateUploadMutation,
  useCompleteUploadMutation,
  useCancelUploadMutation,
  useGetAttachmentUrlQuery,
} = attachmentsApi;
