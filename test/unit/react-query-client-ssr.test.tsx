// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useR2QueryClient } from '../../src/react/query-client.ts';

/** A component that reads a value from the default client and then writes its request's own. */
function Request({ user, seen }: { user: string; seen: Array<string | undefined> }) {
  const client = useR2QueryClient();
  seen.push(client.getQueryData<string>(['r2-uploader', 'user']));
  client.setQueryData(['r2-uploader', 'user'], user);
  return <p>{user}</p>;
}

describe('the default QueryClient in server rendering', () => {
  it('is never shared by two requests: one request’s cache does not reach the next', () => {
    expect(typeof window).toBe('undefined');
    const seen: Array<string | undefined> = [];
    expect(renderToString(<Request user="alice" seen={seen} />)).toContain('alice');
    expect(renderToString(<Request user="bob" seen={seen} />)).toContain('bob');
    expect(seen).toEqual([undefined, undefined]);
  });

  it('is the app’s own when a QueryClientProvider is above', () => {
    const app = new QueryClient();
    app.setQueryData(['r2-uploader', 'user'], 'carol');
    const seen: Array<string | undefined> = [];
    renderToString(
      <QueryClientProvider client={app}>
        <Request user="dave" seen={seen} />
      </QueryClientProvider>,
    );
    expect(seen).toEqual(['carol']);
    expect(app.getQueryData(['r2-uploader', 'user'])).toBe('dave');
  });
});
