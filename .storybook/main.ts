import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: {
    name: '@storybook/react-vite',
    // The root vite.config.ts is the library build; Storybook gets its own.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // Serves msw's worker (`npx msw init .storybook/public --no-save`) at /mockServiceWorker.js.
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
};

export default config;
