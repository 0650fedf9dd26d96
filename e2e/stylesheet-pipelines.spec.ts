import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import cssnano from 'cssnano';
import { transform as esbuildTransform } from 'esbuild';
import { transform as lightningTransform } from 'lightningcss';
import postcss from 'postcss';
import { build } from 'vite';

/*
 * The stylesheet as users' pipelines turn it: every minifier must leave the
 * same computed colours as the file itself (what dev mode serves), in every
 * theme. Lightning CSS once lowered light-dark() into invalid colours here.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
// What ships; the sources when the build has not run.
const shipped = existsSync(join(root, 'dist/styles.css')) ? join(root, 'dist/styles.css') : join(root, 'src/react/styles.css');

/** Vite 8's production build with its default configuration: Lightning CSS minifies. */
async function viteBuild(css: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'r2u-css-'));
  try {
    await writeFile(join(dir, 'styles.css'), css);
    await writeFile(join(dir, 'main.js'), "import './styles.css';\n");
    await writeFile(join(dir, 'index.html'), '<script type="module" src="/main.js"></script>\n');
    await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'dist') } });
    const assets = join(dir, 'dist/assets');
    const file = (await readdir(assets)).find((name) => name.endsWith('.css'));
    return readFile(join(assets, file!), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const version = (major: number, minor = 0) => (major << 16) | (minor << 8);

const pipelines: Record<string, (css: string) => Promise<string>> = {
  'Vite 8 production build (Lightning CSS)': viteBuild,
  // The targets Tailwind v4 optimizes its output for.
  'Lightning CSS with Tailwind v4 targets': async (css) =>
    lightningTransform({
      filename: 'styles.css',
      code: Buffer.from(css),
      minify: true,
      targets: { chrome: version(111), firefox: version(128), safari: version(16, 4), ios_saf: version(16, 4) },
    }).code.toString(),
  'esbuild minify (Vite build.cssMinify: "esbuild")': async (css) =>
    (await esbuildTransform(css, { loader: 'css', minify: true, target: ['chrome107', 'edge107', 'firefox104', 'safari16'] })).code,
  cssnano: async (css) => (await postcss([cssnano()]).process(css, { from: undefined })).css,
};

const MARKUP = `
<div class="r2u-root">
  <label class="r2u-dropzone"><input class="r2u-input" type="file"><span class="r2u-dropzone-label">Choose files</span></label>
  <ul class="r2u-list">
    <li class="r2u-row" data-status="uploading"><div class="r2u-progress"><div class="r2u-progress-bar"></div></div></li>
    <li class="r2u-row" data-status="error"><div class="r2u-error"><p>Refused</p></div></li>
  </ul>
</div>`;

/** The colours that went missing: the drop zone's border, the progress track, the error text, the text and background. */
function readColours(page: Page) {
  return page.evaluate(() => {
    const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
    return {
      text: style('.r2u-root').color,
      dropzoneBorder: style('.r2u-dropzone').borderTopColor,
      dropzoneBackground: style('.r2u-dropzone').backgroundColor,
      track: style('.r2u-progress').backgroundColor,
      error: style('.r2u-error').color,
    };
  });
}

type Theme = { name: string; scheme: 'light' | 'dark'; htmlClass?: string };
const themes: Theme[] = [
  { name: 'light (system)', scheme: 'light' },
  { name: 'dark (prefers-color-scheme)', scheme: 'dark' },
  { name: 'forced r2u-dark on a light system', scheme: 'light', htmlClass: 'r2u-dark' },
  { name: 'forced r2u-light on a dark system', scheme: 'dark', htmlClass: 'r2u-light' },
];

async function render(page: Page, css: string, theme: Theme) {
  await page.emulateMedia({ colorScheme: theme.scheme });
  await page.setContent(`<!doctype html><html class="${theme.htmlClass ?? ''}"><head><style>${css}</style></head><body>${MARKUP}</body></html>`);
  return readColours(page);
}

const LIGHT = { text: 'rgb(29, 29, 31)', dropzoneBorder: 'rgb(142, 145, 150)', dropzoneBackground: 'rgb(255, 255, 255)', track: 'rgb(232, 234, 237)', error: 'rgb(179, 38, 30)' };
const DARK = { text: 'rgb(236, 236, 241)', dropzoneBorder: 'rgb(107, 107, 115)', dropzoneBackground: 'rgb(28, 28, 30)', track: 'rgb(51, 51, 58)', error: 'rgb(255, 138, 128)' };
const expected: Record<string, typeof LIGHT> = {
  'light (system)': LIGHT,
  'dark (prefers-color-scheme)': DARK,
  'forced r2u-dark on a light system': DARK,
  'forced r2u-light on a dark system': LIGHT,
};

test('the shipped stylesheet has the documented palette in every theme', async ({ page }) => {
  const css = await readFile(shipped, 'utf8');
  for (const theme of themes) expect(await render(page, css, theme), theme.name).toEqual(expected[theme.name]);
});

for (const [pipeline, minify] of Object.entries(pipelines)) {
  test(`${pipeline}: the same computed colours as the stylesheet itself, in every theme`, async ({ page }) => {
    const source = await readFile(shipped, 'utf8');
    const css = await minify(source);
    expect(css.length).toBeLessThan(source.length);
    for (const theme of themes) {
      expect(await render(page, css, theme), `${pipeline}, ${theme.name}`).toEqual(await render(page, source, theme));
    }
  });
}
