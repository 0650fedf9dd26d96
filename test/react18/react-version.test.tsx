// Runs in the `react18` project only (vite.config.ts): it fails if any part of that project gets React 19 again.
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useId, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { R2Uploader } from 'r2-uploader';

describe('the react18 project runs React 18.3', () => {
  it('react and react-dom, as the tests import them', () => {
    expect(version).toMatch(/^18\.3\./);
    expect(domVersion).toBe(version);
    expect(renderToString(<b>{version}</b>)).toBe(`<b>${version}</b>`);
  });

  it('@testing-library/react, @tanstack/react-query and the library render with that same React', async () => {
    function Probe() {
      const id = useId();
      const { data } = useQuery({ queryKey: ['probe'], queryFn: () => 'queried' });
      return <output data-testid="probe" data-id={id}>{`${version} ${data ?? ''}`}</output>;
    }
    // An element or hook of another React copy would throw here rather than render.
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Probe />
        <R2Uploader endpoint="/api/upload" />
      </QueryClientProvider>,
    );
    expect(await screen.findByText(`${version} queried`)).toBeInTheDocument();
    expect(screen.getByLabelText(/choose files/i)).toBeInTheDocument();
    // The id comes from the renderer, react-dom: 18 writes ":r0:" (19 writes «r0» or _r_0_).
    expect(screen.getByTestId('probe').dataset.id).toMatch(/^:r\w+:$/);
  });
});
