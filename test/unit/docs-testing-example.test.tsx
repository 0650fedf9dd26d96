// README "Testing your upload UI": this file is the example, verbatim (test/unit/readme-examples.test.ts checks).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setupServer } from 'msw/node';
import { R2ObjectList, R2Uploader } from 'r2-uploader';
import { createFakeBucket, createListHandlers, createPresignHandlers } from 'r2-uploader/testing';

const endpoint = `${location.origin}/api/uploads`; // where your app's signing backend is
const bucket = createFakeBucket(); // an in-memory bucket at https://bucket.test
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
beforeEach(() =>
  server.use(
    ...createPresignHandlers({ endpoint, bucket }), // POST endpoint -> a presigned PUT on the bucket; batch and multipart too
    ...createListHandlers({ endpoint, bucket, delete: true }), // GET endpoint?prefix=, DELETE endpoint?key=
    ...bucket.handlers, // the bucket itself: PUT and parts (checks the signed Content-Type), GET, CORS preflight
  ),
);
afterEach(() => {
  server.resetHandlers();
  bucket.reset();
});
afterAll(() => server.close());

test('a picked file lands in the bucket and in the list', async () => {
  const user = userEvent.setup();
  render(
    <>
      <R2Uploader endpoint={endpoint} />
      <R2ObjectList endpoint={endpoint} />
    </>,
  );

  await user.upload(screen.getByLabelText(/choose files/i), new File(['meow'], 'cat.png', { type: 'image/png' }));

  const uploads = screen.getByRole('list', { name: 'Uploads' });
  expect(await within(uploads).findByText('Uploaded')).toBeInTheDocument();
  const stored = bucket.find('cat.png'); // keys are uploads/<random id>/cat.png, as on the real handler
  expect(stored?.contentType).toBe('image/png');
  expect(await screen.findByRole('rowheader', { name: stored?.key })).toBeInTheDocument();
});

test('a store error is shown with its fix, and Retry recovers', async () => {
  bucket.failNext({ status: 403, s3Code: 'SignatureDoesNotMatch' });
  const user = userEvent.setup();
  render(<R2Uploader endpoint={endpoint} />);

  await user.upload(screen.getByLabelText(/choose files/i), new File(['meow'], 'cat.png', { type: 'image/png' }));

  const retry = await screen.findByRole('button', { name: 'Retry upload of cat.png' });
  expect(retry).toHaveAccessibleDescription(/SignatureDoesNotMatch/);
  await user.click(retry);
  expect(await screen.findByText('Uploaded')).toBeInTheDocument();
  expect(bucket.objects().map((object) => new TextDecoder().decode(object.bytes))).toEqual(['meow']);
});
