import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUploadEngine } from '../../src/core/engine/upload-engine.ts';
import type { ImagesFeature, UploadFeatures } from '../../src/core/engine/features.ts';
import type { UploaderOptions } from '../../src/core/engine/types.ts';
import type { R2UploadWarning } from '../../src/core/errors/warnings.ts';
import type { GetUploadUrl } from '../../src/core/protocol/upload-protocol.ts';
import { renamedFor } from '../../src/core/images/prepare-image.ts';
import { createTurns } from '../../src/core/images/turns.ts';
import { installXhr, ScriptedXhr } from '../support/scripted-xhr.ts';

/** Every PUT succeeds at once, and its body is kept. */
const bodies: Blob[] = [];
class StoringXhr extends ScriptedXhr {
  send(body: Blob) {
    bodies.push(body);
    setTimeout(() => {
      this.status = 200;
      this.onload?.();
    }, 0);
  }
}

/** What the backend was asked to sign. */
const signed: Array<{ name: string; size: number; contentType: string }> = [];
const getUploadUrl: GetUploadUrl = async (file, { contentType }) => {
  signed.push({ name: file.name, size: file.size, contentType });
  return { url: `https://bucket.test/${file.name}`, method: 'PUT', headers: { 'content-type': contentType }, key: file.name };
};

const MB = 1_000_000;
const photo = (name = 'IMG_1.jpg', size = 12 * MB) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });
/** A resize to WebP a tenth of the size, counted. */
const shrink = vi.fn<ImagesFeature['prepareImage']>(async (file) => ({ file: new File([new Uint8Array(file.size / 10)], renamedFor(file.name, 'image/webp'), { type: 'image/webp' }) }));

function engine(options: Partial<UploaderOptions>, images: UploadFeatures['images'] = async () => ({ prepareImage: shrink })) {
  const features: UploadFeatures = { multipart: () => Promise.reject(new Error('no multipart here')), integrity: () => Promise.reject(new Error('no MD5 here')), images };
  return createUploadEngine({ getUploadUrl, multipart: false, retry: false, ...options } as UploaderOptions, features);
}

let uninstall: () => void;
beforeEach(() => {
  uninstall = installXhr(StoringXhr);
  bodies.length = 0;
  signed.length = 0;
  shrink.mockClear();
});
afterEach(() => uninstall());

describe('image processing before upload', () => {
  it('signs and sends the processed file: its name, size and type; the state shows it', async () => {
    const uploader = engine({ resizeImages: { maxWidth: 1600 } });
    const [result] = await uploader.upload(photo());
    expect(signed).toEqual([{ name: 'IMG_1.webp', size: 1.2 * MB, contentType: 'image/webp' }]);
    expect(bodies[0]?.size).toBe(1.2 * MB);
    expect(result).toMatchObject({ key: 'IMG_1.webp', size: 1.2 * MB, contentType: 'image/webp' });
    expect(uploader.getSnapshot().uploads[0]).toMatchObject({ name: 'IMG_1.webp', size: 1.2 * MB, total: 1.2 * MB, type: 'image/webp', status: 'done' });
  });

  it('checks the size and type rules against what is uploaded: a 12 MB photo passes a 5 MB limit as the 1.2 MB it becomes', async () => {
    const uploader = engine({ resizeImages: { maxWidth: 1600 }, maxFileSize: 5 * MB, accept: 'image/webp' });
    expect(await uploader.upload(photo())).toHaveLength(1);
    const tooBig = engine({ resizeImages: { maxWidth: 1600 }, maxFileSize: 1 * MB });
    expect(await tooBig.upload(photo())).toEqual([]);
    expect(tooBig.getSnapshot().uploads[0]?.error).toMatchObject({ code: 'file_rejected', reason: 'file_too_large' });
    expect(signed).toHaveLength(1);
  });

  it('leaves other files alone, and does nothing without the options', async () => {
    await engine({ stripImageMetadata: true }).upload(new File(['x'], 'notes.txt', { type: 'text/plain' }));
    await engine({}).upload(photo('a.jpg', 10));
    expect(shrink).not.toHaveBeenCalled();
    expect(signed.map((file) => file.name)).toEqual(['notes.txt', 'a.jpg']);
  });

  it('hands the warning of an image that went as it was to onWarning, with the file', async () => {
    const warning: R2UploadWarning = { code: 'image_unprocessed', message: 'broken.jpg was uploaded as it is: no.', hint: 'h' };
    const onWarning = vi.fn();
    const broken = photo('broken.jpg', 100);
    await engine({ resizeImages: {}, onWarning }, async () => ({ prepareImage: async (file) => ({ file, warning }) })).upload(broken);
    expect(onWarning).toHaveBeenCalledWith(warning, broken);
    expect(signed).toEqual([{ name: 'broken.jpg', size: 100, contentType: 'image/jpeg' }]);
  });

  it('uploads the original, with a warning, when the image code cannot load, and tries to load it again for the next file', async () => {
    const onWarning = vi.fn();
    const load = vi.fn<UploadFeatures['images']>().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValue({ prepareImage: shrink });
    const uploader = engine({ resizeImages: {}, onWarning }, load);
    await uploader.upload(photo('first.jpg', 100));
    expect(onWarning).toHaveBeenCalledWith(expect.objectContaining({ code: 'image_unprocessed', message: expect.stringContaining('chunk gone') }), expect.any(File));
    await uploader.upload(photo('second.jpg', 100));
    expect(signed.map((file) => file.name)).toEqual(['first.jpg', 'second.webp']);
  });

  it('does not process a retried file again', async () => {
    class FailOnceXhr extends StoringXhr {
      static failed = false;
      override send(body: Blob) {
        if (FailOnceXhr.failed) return super.send(body);
        FailOnceXhr.failed = true;
        setTimeout(() => this.onerror?.(), 0);
      }
    }
    uninstall();
    uninstall = installXhr(FailOnceXhr);
    const uploader = engine({ resizeImages: {} });
    expect(await uploader.upload(photo())).toEqual([]);
    const id = uploader.getSnapshot().uploads[0]!.id;
    expect((await uploader.retry(id))?.key).toBe('IMG_1.webp');
    expect(shrink).toHaveBeenCalledTimes(1);
  });

  it('keeps what a paused image became: resume sends the processed file', async () => {
    let finish!: () => void;
    const slow: ImagesFeature['prepareImage'] = (file, options) => new Promise((resolve) => (finish = () => void shrink(file, options).then(resolve)));
    const uploader = engine({ resizeImages: {} }, async () => ({ prepareImage: slow }));
    const done = uploader.upload(photo());
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    uploader.pause();
    finish();
    await vi.waitFor(() => expect(uploader.getSnapshot().uploads[0]).toMatchObject({ status: 'paused', name: 'IMG_1.webp' }));
    uploader.resume();
    expect((await done)[0]?.key).toBe('IMG_1.webp');
  });
});

describe('renamedFor', () => {
  it('gives the name the extension of the new type', () => {
    expect(renamedFor('IMG_0042.HEIC', 'image/webp')).toBe('IMG_0042.webp');
    expect(renamedFor('photo.final.png', 'image/jpeg')).toBe('photo.final.jpg');
    expect(renamedFor('scan', 'image/avif')).toBe('scan.avif');
    expect(renamedFor('.hidden', 'image/webp')).toBe('.hidden.webp');
    expect(renamedFor('a.png', 'image/gif')).toBe('a.png');
  });
});

describe('createTurns', () => {
  it('runs at most N at once, in order, urgent ones first, and skips a task aborted while it waits', async () => {
    const inTurn = createTurns(2);
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () => {
      started.push(name);
      return new Promise<void>((resolve) => gates.set(name, resolve));
    };
    const aborted = new AbortController();
    const runs = [
      inTurn(task('a')),
      inTurn(task('b')),
      inTurn(task('later')),
      inTurn(task('skipped'), { signal: aborted.signal }),
      inTurn(task('urgent'), { urgent: true }),
    ];
    await Promise.resolve();
    expect(started).toEqual(['a', 'b']);
    aborted.abort();
    gates.get('a')!();
    await vi.waitFor(() => expect(started).toEqual(['a', 'b', 'urgent']));
    gates.get('b')!();
    await vi.waitFor(() => expect(started).toEqual(['a', 'b', 'urgent', 'later']));
    gates.get('urgent')!();
    gates.get('later')!();
    await expect(runs[3]).rejects.toMatchObject({ name: 'AbortError' });
    await Promise.all([runs[0], runs[1], runs[2], runs[4]]);
    expect(started).not.toContain('skipped');
  });
});
