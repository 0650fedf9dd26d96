import { afterEach, describe, expect, it } from 'vitest';
import { createUploader } from '../../src/core/create-uploader.ts';
import { toBucket as getUploadUrl } from '../support/msw-bucket.ts';
import { installXhr, ScriptedXhr } from '../support/scripted-xhr.ts';

/** An XMLHttpRequest whose first `hangs` PUTs send a little, then never move again; later ones succeed. */
function installHangingXhr(hangs: number): { sent: () => number; uninstall: () => void } {
  let sent = 0;
  class HangingXhr extends ScriptedXhr {
    override abort() {
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
  return { sent: () => sent, uninstall: installXhr(HangingXhr) };
}

let uninstall: (() => void) | undefined;
afterEach(() => uninstall?.());

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
