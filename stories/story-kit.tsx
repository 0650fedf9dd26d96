import type { Decorator } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { getUploadHistory } from '../src/react/index.ts';
import type { R2UploaderProps } from '../src/react/index.ts';
import { createFakeBucket, createPresignHandlers, type FakeBucket } from '../src/testing/index.ts';

/** `uploads/<filename>`: the stories' play tests assert keys they can spell (the kit's default adds a random id, as the real handler does). */
export const readableKey = ({ filename }: { filename: string }): string => `uploads/${filename}`;

/**
 * A fake bucket at a URL of its own: an upload a previous story left running
 * (and retried after the handlers changed) can never land in this story's bucket.
 */
export const storyBucket = (): FakeBucket => createFakeBucket({ url: `https://${crypto.randomUUID().slice(0, 8)}.bucket.test` });

/** Where the stories' fake signing backend answers. */
export const endpoint = '/api/uploads';

/** `parameters.msw` for a story: the fake signing backend and the story's own bucket. */
export const network = (bucket: FakeBucket) => ({ handlers: [...createPresignHandlers({ endpoint, bucket, key: readableKey }), ...bucket.handlers] });

/** The props with `endpoint` (Storybook's args cannot be a union of `endpoint` and `getUploadUrl` props). */
export type EndpointProps = Extract<R2UploaderProps, { endpoint: string }>;

/** The uploader at the width of a typical form column. */
export const formColumn: Decorator = (Story) => (
  <div style={{ maxWidth: 480 }}>
    <Story />
  </div>
);

/** A file of `size` bytes of one value: for stories that do not check the bytes. */
export const fileOf = (name: string, size: number, type: string) => new File([new Uint8Array(size).fill(7)], name, { type });

/** The object list at a page's content width, with a QueryClient per story: the component falls back to a page-wide one, shared by every story otherwise. */
export const objectListPage: Decorator = (Story) => {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <div style={{ maxWidth: 760 }}>
        <Story />
      </div>
    </QueryClientProvider>
  );
};

/** Forgets this browser's uploads, which every object list on the page would show. */
export const forgetUploadHistory = (): void => {
  localStorage.clear();
  getUploadHistory().clear();
};
