import { afterEach, describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';

/** An XMLHttpRequest whose first `hangs` PUTs send a little, then never move again; later ones succeed. */
function installHangingXhr(hangs: number): { sent: () => number; uninstall: () => void } {
  const original = globalThis.XMLHttpRequest;
  let sent = 0;
  class HangingXhr {
    status = 0;
    responseText = '';
    upload: { onprogress?: (event: { loaded: number }) => void } = {};
    onload?: () => void;
    onabort?: () => void;
    onerror?: () => void;
    open() {}
    setRequestHeader() {}
    getResponseHeader(name: string) {
      return name.toLowerCase() === 'etag' ? '"etag"' : null;
    }
    abort() {
      setTimeout(() => this.onabort?.(), 0);
    }
    send() {
      sent += 1;
      const hang = sent <= hangs;
      setTimeout(() => this.upload.onprogress?.({ loaded: 1 }), 5);
      if (!hang) {
        setTimeout(() => {
          this.status = 200;
          this.onload?.();
        }, 10);
      }
    }
  }
  globalThis.XMLHttpRequest = HangingXhr as unknown as typeof XMLHttpRequest;
  return { sent: () => sent, uninstall: () => void (globalThis.XMLHttpRequest = original) };
}

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

const getUploadUrl = async (file: File) => ({ url: `https://bucket.test/${file.name}`, method: 'PUT' as const, headers: {}, key: file.name });

describe('stallTimeout', () => {
  it('fails a PUT that stops moving, as a network error that says it stalled', async () => {
    const xhr = installHangingXhr(1);
    uninstall = xhr.uninstall;
    const uploader = createUploader({ getUploadUrl, stallTimeout: 60, retry: false });
    expect(await uploader.upload(new File(['abc'], 'a.txt'))).toEqual([]);
    expect(uploader.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'network_error', message: expect.stringContaining('stalled') });
  });

  it('retries a stalled PUT, and the retry uploads the file', async () => {
    const xhr = installHangingXhr(1);
    uninstall = xhr.uninstall;
    const uploader = createUploader({ getUploadUrl, stallTimeout: 60, retry: { baseDelay: 10, maxDelay: 10 } });
    const [result] = await uploader.upload(new File(['abc'], 'a.txt'));
    expect(result?.etag).toBe('"etag"');
    expect(xhr.sent()).toBe(2);
    expect(uploader.getSnapshot().uploads[0]?.lastError?.message).toContain('stalled');
  });
});
