import type { Preview } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import '../src/react/styles.css';

/**
 * msw-storybook-addon 3 has no `initialize()`: the loader takes a setup
 * function instead. Requests without a handler (Storybook's own modules,
 * fonts, ...) go to the network untouched, except the stories' fake hosts
 * (`*.test`): a request no story answers (one a previous story left running)
 * fails as a network error instead of leaving the machine. Resetting the
 * handlers before each story keeps this initial one.
 */
async function startWorker() {
  const worker = setupWorker(http.all(/^https?:\/\/[^/]*\.test\//, () => HttpResponse.error()));
  await worker.start({ quiet: true, onUnhandledFrame: 'bypass' });
  return worker;
}

const preview: Preview = {
  // Resets the worker's handlers before each story, then applies `parameters.msw.handlers`.
  loaders: [mswLoader(startWorker)],
  parameters: {
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i } },
  },
};

export default preview;
