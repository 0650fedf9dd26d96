import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { R2Uploader } from '../../src/react/index.ts';
import { useFakeUploadBackend } from '../support/fake-upload-backend.ts';

// Camera capture on phones: the file input's `capture` attribute, which mobile browsers open the camera for.
const { endpoint, bucket } = useFakeUploadBackend();

describe('<R2Uploader capture>', () => {
  it('asks for the back camera, and a captured photo uploads like a picked file', async () => {
    const user = userEvent.setup();
    render(<R2Uploader endpoint={endpoint} accept="image/*" capture="environment" multiple={false} />);
    const input = screen.getByLabelText(/^Choose a file/);
    expect(input).toHaveAttribute('capture', 'environment');
    await user.upload(input, new File(['jpeg'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(await screen.findByText('Uploaded', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(bucket.find('photo.jpg')?.contentType).toBe('image/jpeg');
  });

  it('leaves the attribute off by default, so desktop and phone users get the picker', () => {
    render(<R2Uploader endpoint={endpoint} />);
    expect(screen.getByLabelText(/^Choose files/)).not.toHaveAttribute('capture');
  });
});
