import { expect, test, type FileChooser, type Locator, type Page } from '@playwright/test';
import { md5, randomFile, readObject } from './bucket.ts';

/*
 * Ways in besides the mouse, in Chromium against the dev stack: paste, a
 * dropped folder, and the keyboard alone (pick, cancel, retry). Each ends with
 * the bytes in the local bucket, read back with a signed GET of its own.
 */

const rowOf = (page: Page, name: string) => page.getByRole('list', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: name });

/** The key the demo lists for an upload. */
async function keyOf(page: Page, name: string): Promise<string> {
  const item = page.getByTestId('results').getByRole('listitem').filter({ hasText: name });
  await expect(item).toBeVisible({ timeout: 30_000 });
  return ((await item.locator('code').first().textContent()) ?? '').trim();
}

/** Presses Tab until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the element');
}

/**
 * Presses Enter on the focused file input and returns the chooser it opens.
 * Headless Chromium now and then drops the first chooser of a fresh page
 * (about 1 run in 6 here), so a second press is allowed before failing.
 */
async function enterOpensChooser(page: Page): Promise<FileChooser> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    const opened = await chooser;
    if (opened) return opened;
  }
  throw new Error('Enter on the file input opened no file chooser');
}

async function faults(page: Page, faults: object[]): Promise<void> {
  expect((await page.request.post('/__r2-dev/proxy', { data: { faults } })).ok()).toBe(true);
}

test.beforeEach(async ({ request }) => {
  await request.delete('/__r2-dev/proxy');
});
test.afterEach(async ({ request }) => {
  await request.delete('/__r2-dev/proxy');
});

test('files pasted with the drop zone focused upload', async ({ page, request }) => {
  await page.goto('/');
  const input = page.getByLabel(/choose files/i);
  await tabTo(page, input);
  const content = `pasted at ${Date.now()}`;
  // What Ctrl+V of a copied file dispatches: a paste event at the focused element, with the file in clipboardData.
  const prevented = await page.evaluate((text) => {
    const clipboardData = new DataTransfer();
    clipboardData.items.add(new File([text], 'pasted.txt', { type: 'text/plain' }));
    const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData });
    document.activeElement!.dispatchEvent(event);
    return event.defaultPrevented;
  }, content);
  expect(prevented).toBe(true);
  await expect(rowOf(page, 'pasted.txt').getByText('Uploaded')).toBeVisible({ timeout: 30_000 });
  const stored = await readObject(request, await keyOf(page, 'pasted.txt'));
  expect(stored.bytes.toString()).toBe(content);
  expect(stored.contentType).toBe('text/plain');
});

test('a dropped folder uploads every file in it, subfolders included', async ({ page, request }) => {
  await page.goto('/');
  const stamp = String(Date.now());
  await page.evaluate((stamp) => {
    // Chromium's DataTransfer cannot be given folders from a script: play the FileSystem entries API
    // it hands a real folder drop over with (readEntries in batches, then an empty batch).
    const file = (name: string) => ({ isFile: true, isDirectory: false, name, file: (ok: (f: File) => void) => ok(new File([`${name} ${stamp}`], name, { type: 'text/plain' })) });
    const folder = (name: string, children: object[]) => ({
      isFile: false, isDirectory: true, name,
      createReader: () => { let done = false; return { readEntries: (ok: (e: object[]) => void) => { ok(done ? [] : children); done = true; } }; },
    });
    const root = folder(`album-${stamp}`, [file('one.txt'), folder('nested', [file('two.txt')])]);
    const dataTransfer = { types: ['Files'], files: [], items: [{ kind: 'file', webkitGetAsEntry: () => root }], dropEffect: 'none' };
    const zone = document.querySelector('.r2u-dropzone')!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const event = new DragEvent(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
      zone.dispatchEvent(event);
    }
  }, stamp);
  for (const name of ['one.txt', 'two.txt']) {
    await expect(rowOf(page, name).getByText('Uploaded')).toBeVisible({ timeout: 30_000 });
    const stored = await readObject(request, await keyOf(page, name));
    expect(stored.bytes.toString()).toBe(`${name} ${stamp}`);
  }
});

test('keyboard only: Tab and Enter pick a file, Enter cancels it, Enter retries it', async ({ page, request }) => {
  const { path, bytes } = await randomFile('keyboard.bin', 64 * 1024);
  await page.goto('/');
  // The store answers only after a long while: the upload is still running when it is canceled.
  await faults(page, [{ method: 'PUT', action: { type: 'delay', ms: 20_000 } }]);

  await tabTo(page, page.getByLabel(/choose files/i));
  await (await enterOpensChooser(page)).setFiles(path);

  const cancel = page.getByRole('button', { name: 'Cancel upload of keyboard.bin' });
  await tabTo(page, cancel);
  await page.keyboard.press('Enter');
  await expect(rowOf(page, 'keyboard.bin').getByText('Canceled')).toBeVisible();
  // The same button became Retry and kept the focus.
  const retry = page.getByRole('button', { name: 'Retry upload of keyboard.bin' });
  await expect(retry).toBeFocused();

  await request.delete('/__r2-dev/proxy');
  await page.keyboard.press('Enter');
  await expect(rowOf(page, 'keyboard.bin').getByText('Uploaded')).toBeVisible({ timeout: 30_000 });
  expect(md5((await readObject(request, await keyOf(page, 'keyboard.bin'))).bytes)).toBe(md5(bytes));
});

test('keyboard only: a failed upload is read with its error and retried with Enter', async ({ page, request }) => {
  const { path, bytes } = await randomFile('flaky.bin', 32 * 1024);
  // Retries off, so the one injected failure is what the user meets.
  await page.goto('/?retry=off');
  await faults(page, [{ method: 'PUT', action: { type: 'status', status: 503 } }]);
  // The proxy's bare 503 carries no CORS headers, so the browser reports a network error: either way, the row's error.
  const failure = /could not reach the store|503/;

  await tabTo(page, page.getByLabel(/choose files/i));
  await (await enterOpensChooser(page)).setFiles(path);

  const retry = page.getByRole('button', { name: 'Retry upload of flaky.bin' });
  await expect(retry).toBeVisible({ timeout: 30_000 });
  await expect(retry).toHaveAccessibleDescription(failure);
  await expect(page.getByRole('progressbar', { name: 'Upload of flaky.bin' })).toHaveAccessibleDescription(failure);
  await tabTo(page, retry);
  await page.keyboard.press('Enter');
  await expect(rowOf(page, 'flaky.bin').getByText('Uploaded')).toBeVisible({ timeout: 30_000 });
  expect(md5((await readObject(request, await keyOf(page, 'flaky.bin'))).bytes)).toBe(md5(bytes));
});
