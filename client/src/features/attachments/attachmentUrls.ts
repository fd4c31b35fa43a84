// Presigned download URLs live a few minutes (the server's downloadUrlTtlSeconds). One is used only while
// it has some life left: past that, a new one is asked for, never the cached one (the storage would refuse
// it). Opening or downloading always asks for a fresh one.
import { useCallback, useEffect } from 'react';

import type { AppDispatch } from '../../app/store';
import { attachmentsApi, useGetAttachmentUrlQuery, type AttachmentVariant } from './attachmentsApi';

/**
 * A URL this close to its expiry counts as expired (it may still be loading when it runs out): 15 s, or a
 * quarter of its lifetime when that is shorter, so a server with very short URLs does not loop.
 */
function usable(expiresAt: string, issuedAt: number | undefined): boolean {
  const expires = Date.parse(expiresAt);
  const margin = Math.min(15_000, issuedAt === undefined ? 15_000 : (expires - issuedAt) / 4);
  return expires - Date.now() > margin;
}

/** The URL to show (undefined while none is usable), and `renew` for an image that failed to load. */
export function useAttachmentUrl(
  id: string,
  variant: AttachmentVariant,
  skip = false,
): { url: string | undefined; failed: boolean; renew: () => void } {
  const { data, isError, refetch, isFetching, fulfilledTimeStamp } = useGetAttachmentUrlQuery(
    { id, variant },
    { skip },
  );
  const fresh = data && usable(data.expiresAt, fulfilledTimeStamp) ? data : undefined;
  // A cached URL that has run out (another row kept it alive, or the tab slept): ask again.
  useEffect(() => {
    if (!skip && data && !fresh && !isFetching) void refetch();
  }, [skip, data, fresh, isFetching, refetch]);
  const renew = useCallback(() => {
    if (!skip && !isFetching) void refetch();
  }, [skip, isFetching, refetch]);
  return { url: fresh?.url, failed: isError, renew };
}

/** A URL just issued, for opening or downloading now. */
export async function freshAttachmentUrl(
  dispatch: AppDispatch,
  id: string,
  variant: AttachmentVariant = 'original',
): Promise<string> {
  const reply = await dispatch(
    attachmentsApi.endpoints.getAttachmentUrl.initiate(
      { id, variant },
      { subscribe: false, forceRefetch: true },
    ),
  ).unwrap();
  return reply.url;
}

/** Starts the download: the storage answers with Content-Disposition: attachment, so the page stays. */
export function startDownload(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
