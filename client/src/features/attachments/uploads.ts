// Files waiting in a topic's composer. Each one asks messages-service for a presigned PUT, sends its bytes
// from the browser straight to the storage (XHR, for upload progress: fetch has none) and is then completed;
// the service never carries the bytes. Kept per topic outside React, like the reply target, so an upload
// keeps going while another topic is open; the finished ones also live in the session's drafts, so a reload
// does not lose them. Sending takes the finished ones (`takeReady`); the rest stay in the composer.
import type { Attachment } from '../../api/types';
import { ATTACHMENTS_PER_MESSAGE_MAX } from '@partyline/contracts/limits';
import { useSyncExternalStore } from 'react';

import { errorCode } from '../../api/apiSlice';
import type { AppDispatch } from '../../app/store';
import { readDraft, saveDraft } from '../messages/drafts';
import { attachmentsApi } from './attachmentsApi';
import { formatSize } from './formatSize';

export interface PendingUpload {
  /** Ours, before the server has given an id. */
  localId: string;
  name: string;
  size: number;
  contentType: string;
  status: 'uploading' | 'ready' | 'error';
  /** 0..1 of the bytes the storage has received. */
  progress: number;
  /** The server's attachment once created (ready: complete). */
  attachment?: Attachment;
  /** What went wrong, in words. */
  error?: string;
  /** A small image's local preview (a data: URL: the app's CSP allows no blob: images). */
  previewUrl?: string;
}

type Entry = PendingUpload & { attachmentId?: string };

const byTopic = new Map<string, Entry[]>();
/** What is not state: the file itself (for a retry) and the request in flight (for cancel). */
const files = new Map<string, File>();
const requests = new Map<string, XMLHttpRequest>();
const cancelled = new Set<string>();
const listeners = new Set<() => void>();
const EMPTY: PendingUpload[] = [];
let nextId = 0;

const draftKey = (topicId: string) => `files:${topicId}`;

/** The topic's uploads; the finished ones of an earlier page load come back from the session's drafts. */
function entries(topicId: string): Entry[] {
  let list = byTopic.get(topicId);
  if (!list) {
    list = restore(topicId);
    byTopic.set(topicId, list);
  }
  return list;
}

function restore(topicId: string): Entry[] {
  try {
    const saved = JSON.parse(readDraft(draftKey(topicId)) || '[]') as Attachment[];
    return saved.map((attachment) => ({
      localId: `restored-${attachment.id}`,
      attachmentId: attachment.id,
      attachment,
      name: attachment.name,
      size: attachment.size,
      contentType: attachment.contentType,
      status: 'ready',
      progress: 1,
    }));
  } catch {
    return [];
  }
}

function commit(topicId: string, list: Entry[]): void {
  byTopic.set(topicId, list);
  const ready = list.flatMap((e) => (e.status === 'ready' && e.attachment ? [e.attachment] : []));
  saveDraft(draftKey(topicId), ready.length > 0 ? JSON.stringify(ready) : '');
  listeners.forEach((l) => l());
}

function update(topicId: string, localId: string, change: Partial<Entry>): void {
  const list = byTopic.get(topicId);
  if (!list?.some((e) => e.localId === localId)) return;
  commit(
    topicId,
    list.map((e) => (e.localId === localId ? { ...e, ...change } : e)),
  );
}

class UploadFailed extends Error {}

/** What a refused create/complete means to the person who picked the file. */
function describe(error: unknown): string {
  if (error instanceof UploadFailed) return error.message;
  const code = errorCode(error);
  if (code === 'ATTACHMENT.TOO_LARGE') {
    const details = (error as { data?: { error?: { details?: { maxBytes?: unknown } } } }).data?.error
      ?.details;
    const max = typeof details?.maxBytes === 'number' ? details.maxBytes : null;
    return max === null ? 'Too large to send' : `Too large: files can be at most ${formatSize(max)}`;
  }
  if (code === 'REQUEST.INVALID') return 'This type of file cannot be sent';
  if (code === 'RATE_LIMITED') return 'Too many uploads at once; try again in a moment';
  if (code === 'SERVICE.UNAVAILABLE') return 'File uploads are not available right now';
  if (code === 'TOPIC.NOT_FOUND') return 'You can no longer post in this topic';
  if (code === 'ATTACHMENT.NOT_UPLOADED') return 'The file did not arrive whole; try again';
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 'FETCH_ERROR') return 'Network error: check your connection and try again';
  return 'The upload failed; try again';
}

/** PUTs the bytes to the presigned URL, reporting progress; resolves once the storage has them. */
function put(
  localId: string,
  file: File,
  upload: { url: string; headers: Record<string, string> },
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    requests.set(localId, xhr);
    xhr.open('PUT', upload.url);
    // Content-Length comes from the body; it and Content-Type are part of the signature.
    for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    const done = (error?: Error) => {
      requests.delete(localId);
      if (error) reject(error);
      else resolve();
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? done()
        : done(new UploadFailed(`The storage refused the file (${xhr.status})`));
    xhr.onerror = () => done(new UploadFailed('Network error: the upload did not finish'));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => done(new UploadFailed('Cancelled'));
    xhr.send(file);
  });
}

async function run(dispatch: AppDispatch, topicId: string, localId: string, file: File): Promise<void> {
  const contentType = file.type || 'application/octet-stream';
  try {
    const created = await dispatch(
      attachmentsApi.endpoints.createUpload.initiate({
        topicId,
        name: file.name || 'file',
        size: file.size,
        contentType,
      }),
    ).unwrap();
    const id = created.attachment.id;
    update(topicId, localId, { attachmentId: id });
    if (cancelled.has(localId)) {
      // Removed while the server was creating it: nobody else knows this id.
      void dispatch(attachmentsApi.endpoints.cancelUpload.initiate(id)).catch(() => undefined);
      throw new UploadFailed('Cancelled');
    }
    await put(localId, file, created.upload, (progress) => update(topicId, localId, { progress }));
    const ready = await dispatch(attachmentsApi.endpoints.completeUpload.initiate(id)).unwrap();
    const { topicId: _t, status: _s, messageId: _m, createdAt: _c, ...attachment } = ready;
    update(topicId, localId, { status: 'ready', progress: 1, attachment });
  } catch (error) {
    if (cancelled.delete(localId)) return;
    update(topicId, localId, { status: 'error', error: describe(error) });
  }
}

function start(dispatch: AppDispatch, topicId: string, file: File, localId: string): Entry {
  files.set(localId, file);
  const entry: Entry = {
    localId,
    name: file.name || 'file',
    size: file.size,
    contentType: file.type || 'application/octet-stream',
    status: 'uploading',
    progress: 0,
  };
  queueMicrotask(() => void run(dispatch, topicId, localId, file));
  if (/^image\/(png|jpeg|gif|webp)$/.test(file.type) && file.size <= PREVIEW_MAX_BYTES)
    preview(topicId, localId, file);
  return entry;
}

/** Images up to this size get a preview in their chip (read into memory as a data: URL). */
const PREVIEW_MAX_BYTES = 5 * 1024 * 1024;

function preview(topicId: string, localId: string, file: File): void {
  if (typeof FileReader === 'undefined') return;
  const reader = new FileReader();
  reader.onload = () => {
    if (typeof reader.result === 'string') update(topicId, localId, { previewUrl: reader.result });
  };
  reader.readAsDataURL(file);
}

/** Starts uploading these files to the topic (beyond the per-message limit they show as refused). */
export function addFiles(dispatch: AppDispatch, topicId: string, picked: File[]): void {
  if (picked.length === 0) return;
  const list = entries(topicId);
  let room = ATTACHMENTS_PER_MESSAGE_MAX - list.filter((e) => e.status !== 'error').length;
  const added = picked.map((file): Entry => {
    const localId = `upload-${++nextId}`;
    if (room <= 0) {
      return {
        localId,
        name: file.name || 'file',
        size: file.size,
        contentType: file.type || 'application/octet-stream',
        status: 'error',
        progress: 0,
        error: `At most ${ATTACHMENTS_PER_MESSAGE_MAX} files per message`,
      };
    }
    room -= 1;
    return start(dispatch, topicId, file, localId);
  });
  commit(topicId, [...list, ...added]);
}

function forget(entry: Entry): void {
  files.delete(entry.localId);
}

/** Removes a chip: aborts its upload if still going, and cancels it on the server (it was never sent). */
export function removeUpload(dispatch: AppDispatch, topicId: string, localId: string): void {
  const list = entries(topicId);
  const entry = list.find((e) => e.localId === localId);
  if (!entry) return;
  if (entry.status === 'uploading') {
    cancelled.add(localId);
    requests.get(localId)?.abort();
  }
  forget(entry);
  commit(
    topicId,
    list.filter((e) => e.localId !== localId),
  );
  if (entry.attachmentId) {
    void dispatch(attachmentsApi.endpoints.cancelUpload.initiate(entry.attachmentId)).catch(() => undefined);
  }
}

/** Tries a failed upload again with the same file (a new upload: the failed one is cancelled). */
export function retryUpload(dispatch: AppDispatch, topicId: string, localId: string): void {
  const file = files.get(localId);
  const list = entries(topicId);
  const entry = list.find((e) => e.localId === localId);
  if (!file || !entry || entry.status !== 'error') return;
  if (entry.attachmentId) {
    void dispatch(attachmentsApi.endpoints.cancelUpload.initiate(entry.attachmentId)).catch(() => undefined);
  }
  forget(entry);
  const again = start(dispatch, topicId, file, `upload-${++nextId}`);
  commit(
    topicId,
    list.map((e) => (e.localId === localId ? again : e)),
  );
}

/** Whether this failed upload can be tried again (its file is still in memory). */
export const canRetry = (localId: string): boolean => files.has(localId);

/** For the send: the finished uploads, taken out of the composer (the others stay). */
export function takeReady(topicId: string): Attachment[] {
  const list = entries(topicId);
  const ready = list.filter((e) => e.status === 'ready' && e.attachment);
  if (ready.length === 0) return [];
  ready.forEach(forget);
  commit(
    topicId,
    list.filter((e) => !ready.includes(e)),
  );
  return ready.map((e) => e.attachment!);
}

/** Forgets every topic's uploads (sign-out; the drafts themselves are cleared with the others). */
export function clearUploads(): void {
  for (const list of byTopic.values()) {
    for (const entry of list) {
      requests.get(entry.localId)?.abort();
      forget(entry);
    }
  }
  byTopic.clear();
  listeners.forEach((l) => l());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function useUploads(topicId: string | undefined): PendingUpload[] {
  return useSyncExternalStore(subscribe, () => (topicId ? entries(topicId) : EMPTY));
}
