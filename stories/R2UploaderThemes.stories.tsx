import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, fn, within } from 'storybook/test';
import { R2Uploader } from '../src/react/index.ts';
import { endpoint, type EndpointProps, fileOf, formColumn, network, storyBucket } from './story-kit.tsx';

/*
 * The default stylesheet under other themes, directions and widths. Colors
 * come from CSS variables (see the README's Theming section); the a11y addon
 * checks each story's contrast.
 */

const meta = {
  title: 'Components/R2Uploader/Themes',
  component: R2Uploader,
  tags: ['autodocs'],
  args: { endpoint, onSuccess: fn() },
  decorators: [formColumn],
} satisfies Meta<EndpointProps>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Picks files and waits until every one shows "Uploaded". */
async function uploadAll(canvas: Parameters<NonNullable<Story['play']>>[0]['canvas'], userEvent: Parameters<NonNullable<Story['play']>>[0]['userEvent'], files: File[], label: RegExp = /choose files/i) {
  await userEvent.upload(canvas.getByLabelText(label), files);
  for (const file of files) {
    const row = within((await canvas.findByText(file.name)).closest('li')!);
    await expect(await row.findByText('Uploaded', {}, { timeout: 5_000 })).toBeVisible();
  }
}

const customBucket = storyBucket();

/** A brand's colors, square corners and a tighter spacing, set as variables on a wrapper. */
export const CustomTheme: Story = {
  parameters: { msw: network(customBucket) },
  beforeEach: () => customBucket.reset(),
  decorators: [
    (Story) => (
      <div
        style={{
          '--r2u-color-accent': '#6d28d9',
          '--r2u-color-accent-fg': '#fff',
          '--r2u-color-bg': '#faf5ff',
          '--r2u-color-border': '#7c3aed',
          '--r2u-color-focus': '#6d28d9',
          '--r2u-radius': '0',
          '--r2u-space': '0.5rem',
          '--r2u-font': 'Georgia, serif',
        } as CSSProperties}
      >
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, userEvent }) => {
    await uploadAll(canvas, userEvent, [fileOf('brand.svg', 1_200, 'image/svg+xml')]);
    const zone = canvas.getByLabelText(/choose files/i).closest('label')!;
    await expect(getComputedStyle(zone).backgroundColor).toBe('rgb(250, 245, 255)');
    await expect(getComputedStyle(zone).borderTopLeftRadius).toBe('0px');
    await expect(getComputedStyle(zone).fontFamily).toContain('Georgia');
  },
};

const systemDarkBucket = storyBucket();

/** `r2u-dark` on an ancestor (here the wrapper, as it would be on `<html>`): the variable it sets is inherited. */
export const DarkFromAncestor: Story = {
  parameters: { msw: network(systemDarkBucket), backgrounds: { disable: true } },
  beforeEach: () => systemDarkBucket.reset(),
  decorators: [
    (Story) => (
      <div className="r2u-dark" style={{ background: '#111113', padding: 16 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, userEvent }) => {
    await uploadAll(canvas, userEvent, [fileOf('night.jpg', 5_000, 'image/jpeg')]);
    const root = canvas.getByRole('status').closest('.r2u-root')!;
    await expect(getComputedStyle(root).colorScheme).toBe('dark');
    await expect(getComputedStyle(root).color).toBe('rgb(236, 236, 241)');
  },
};

const lightBucket = storyBucket();

/** `r2u-light` keeps the light palette even when the system asks for dark. */
export const ForcedLight: Story = {
  args: { className: 'r2u-light' },
  parameters: { msw: network(lightBucket) },
  beforeEach: () => lightBucket.reset(),
  play: async ({ canvas }) => {
    const root = canvas.getByRole('status').closest('.r2u-root')!;
    await expect(getComputedStyle(root).colorScheme).toBe('light');
    await expect(getComputedStyle(root).color).toBe('rgb(29, 29, 31)');
  },
};

const rtlBucket = storyBucket();

/** A right-to-left page: the layout uses logical properties, so rows mirror with `dir="rtl"`. */
export const RightToLeft: Story = {
  args: { label: 'اختر الملفات' },
  parameters: { msw: network(rtlBucket) },
  beforeEach: () => rtlBucket.reset(),
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, userEvent }) => {
    await uploadAll(canvas, userEvent, [fileOf('تقرير.pdf', 3_000, 'application/pdf')], /اختر الملفات/);
    const row = canvas.getByText('تقرير.pdf').closest('li')!;
    const name = row.querySelector('.r2u-name')!.getBoundingClientRect();
    const size = row.querySelector('.r2u-size')!.getBoundingClientRect();
    // The name comes first, so on the right.
    await expect(name.left).toBeGreaterThan(size.left);
  },
};

const narrowBucket = storyBucket();

/** A 280 px column (a phone's sidebar): long names wrap instead of pushing the row wider. */
export const Narrow: Story = {
  parameters: { msw: network(narrowBucket) },
  beforeEach: () => narrowBucket.reset(),
  decorators: [
    (Story) => (
      <div style={{ width: 280 }}>
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, userEvent }) => {
    await uploadAll(canvas, userEvent, [fileOf('a-very-long-file-name-from-a-camera-export-2026-11-23.jpeg', 9_000, 'image/jpeg')]);
    const root = canvas.getByRole('status').closest('.r2u-root')!;
    await expect(root.scrollWidth).toBeLessThanOrEqual(280);
  },
};
