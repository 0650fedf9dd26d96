import { expect, test } from '@playwright/test';
import { readObject } from './bucket.ts';
import { keyOf, rowOf, shownEtag } from './page-helpers.ts';
import { canvasJpeg, decodedInPage, exifSegment, GPS_MARK, withSegment } from './test-images.ts';

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));
/** The GPSInfo tag (0x8825) as it sits in a big-endian IFD entry: tag, then type LONG. */
const GPS_TAG = Buffer.from([0x88, 0x25, 0x00, 0x04]);

/** A 1200 × 800 photo whose EXIF says "turn 90° clockwise to show" (orientation 6) and holds GPS coordinates. */
async function gpsPhoto(page: import('@playwright/test').Page): Promise<Buffer> {
  return withSegment(await canvasJpeg(page, 1200, 800), exifSegment(6));
}

test('resizeImages: the stored object is the resized JPEG, upright, with no EXIF or GPS, and the row shows its thumbnail', async ({ page, request }) => {
  await page.goto('/?resize=600x600&resizeType=image/jpeg&quality=0.9');
  const photo = await gpsPhoto(page);
  await page.getByLabel(/choose files/i).setInputFiles({ name: 'beach.jpg', mimeType: 'image/jpeg', buffer: photo });
  await shownEtag(page, 'beach.jpg');
  const stored = await readObject(request, await keyOf(page, 'beach.jpg'));
  expect(stored.contentType).toBe('image/jpeg');
  expect(stored.bytes.length).toBeLessThan(photo.length);
  expect(has(stored.bytes, GPS_MARK)).toBe(false);
  expect(stored.bytes.includes(GPS_TAG)).toBe(false);
  expect(has(stored.bytes, 'Exif\0\0')).toBe(false);
  // Shown upright (800 × 1200 after the turn), fitted into 600 × 600: red on top, blue below.
  const shown = await decodedInPage(page, stored.bytes, 'image/jpeg', [[0.5, 0.2], [0.5, 0.8]]);
  expect([shown.width, shown.height]).toEqual([400, 600]);
  expect(shown.colours).toEqual(['red', 'blue']);
  const thumbnail = rowOf(page, 'beach.jpg').getByRole('img', { name: 'Preview of beach.jpg' });
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('resizeImages to the default WebP renames the file and signs what it uploads', async ({ page, request }) => {
  await page.goto('/?resize=300x300');
  await page.getByLabel(/choose files/i).setInputFiles({ name: 'IMG 0042.JPG', mimeType: 'image/jpeg', buffer: await gpsPhoto(page) });
  // The row names the file that is uploaded.
  await shownEtag(page, 'IMG 0042.webp');
  const stored = await readObject(request, await keyOf(page, 'IMG 0042.webp'));
  expect(stored.contentType).toBe('image/webp');
  expect(stored.bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
  const shown = await decodedInPage(page, stored.bytes, 'image/webp', [[0.5, 0.2], [0.5, 0.8]]);
  expect([shown.width, shown.height]).toEqual([200, 300]);
  expect(shown.colours).toEqual(['red', 'blue']);
});

test('stripImageMetadata removes GPS and EXIF byte for byte: the pixels are identical and the photo still shows upright', async ({ page, request }) => {
  await page.goto('/?strip=1');
  const photo = await gpsPhoto(page);
  await page.getByLabel(/choose files/i).setInputFiles({ name: 'street.jpg', mimeType: 'image/jpeg', buffer: photo });
  await shownEtag(page, 'street.jpg');
  const stored = await readObject(request, await keyOf(page, 'street.jpg'));
  expect(stored.contentType).toBe('image/jpeg');
  expect(has(stored.bytes, GPS_MARK)).toBe(false);
  expect(stored.bytes.includes(GPS_TAG)).toBe(false);
  // Only the segments went: the compressed image data is the same bytes, at the end of both files.
  const scan = photo.subarray(photo.indexOf(Buffer.from([0xff, 0xda])));
  expect(stored.bytes.subarray(stored.bytes.length - scan.length).equals(scan)).toBe(true);
  const [before, after] = [await decodedInPage(page, photo, 'image/jpeg', [[0.5, 0.2], [0.5, 0.8]]), await decodedInPage(page, stored.bytes, 'image/jpeg', [[0.5, 0.2], [0.5, 0.8]])];
  expect(after).toEqual(before);
  expect([after.width, after.height]).toEqual([800, 1200]);
  expect(after.colours).toEqual(['red', 'blue']);
});

test('a corrupt "JPEG" uploads unchanged, with an image_unprocessed warning', async ({ page, request }) => {
  await page.goto('/?resize=600x600');
  const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a JPEG at all '.repeat(40))]);
  await page.getByLabel(/choose files/i).setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: broken });
  await shownEtag(page, 'broken.jpg');
  const stored = await readObject(request, await keyOf(page, 'broken.jpg'));
  expect(stored.bytes.equals(broken)).toBe(true);
  expect(stored.contentType).toBe('image/jpeg');
  await expect(page.getByTestId('warnings')).toContainText('image_unprocessed: broken.jpg was uploaded as it is');
  // No thumbnail for what does not decode, and no broken image either.
  await expect(rowOf(page, 'broken.jpg').getByRole('img')).toHaveCount(0);
});

test('every thumbnail URL is revoked when its row goes', async ({ page }) => {
  await page.addInitScript(() => {
    const made = new Set<string>();
    const revoked = new Set<string>();
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      if (object instanceof Blob && object.type.startsWith('image/')) made.add(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.add(url);
      revoke(url);
    };
    (window as unknown as { previewUrls: () => { made: number; live: number } }).previewUrls = () => ({ made: made.size, live: [...made].filter((url) => !revoked.has(url)).length });
  });
  await page.goto('/');
  const photo = await canvasJpeg(page, 640, 480);
  const names = Array.from({ length: 8 }, (_, index) => `photo-${index}.jpg`);
  await page.getByLabel(/choose files/i).setInputFiles(names.map((name) => ({ name, mimeType: 'image/jpeg', buffer: photo })));
  for (const name of names) await expect(rowOf(page, name).getByRole('img', { name: `Preview of ${name}` })).toBeVisible();
  for (const name of names) await shownEtag(page, name);
  const counts = () => page.evaluate(() => (window as unknown as { previewUrls: () => { made: number; live: number } }).previewUrls());
  expect(await counts()).toEqual({ made: 8, live: 8 });
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await expect.poll(counts).toEqual({ made: 8, live: 0 });
});

for (const workers of [true, false]) {
  test(workers ? 'images are processed in a Web Worker' : 'where no worker may start (a CSP without worker-src blob:), images are processed on the page', async ({ page }) => {
    await page.addInitScript((allowed) => {
      const NativeWorker = window.Worker;
      const started: string[] = [];
      (window as unknown as { workersStarted: string[] }).workersStarted = started;
      window.Worker = class extends NativeWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          // What a CSP that forbids the worker's Blob URL does to `new Worker`.
          if (!allowed) throw new DOMException('Refused to create a worker', 'SecurityError');
          super(url, options);
          started.push(String(url));
        }
      };
    }, workers);
    await page.goto('/?resize=300x300&resizeType=image/jpeg');
    await page.getByLabel(/choose files/i).setInputFiles({ name: 'harbour.jpg', mimeType: 'image/jpeg', buffer: await gpsPhoto(page) });
    await shownEtag(page, 'harbour.jpg');
    await expect(rowOf(page, 'harbour.jpg').getByRole('img', { name: 'Preview of harbour.jpg' })).toBeVisible();
    const started = await page.evaluate(() => (window as unknown as { workersStarted: string[] }).workersStarted);
    const blobWorkers = started.filter((url) => url.startsWith('blob:')).length;
    if (workers) expect(blobWorkers).toBeGreaterThan(0);
    else expect(blobWorkers).toBe(0);
  });
}
