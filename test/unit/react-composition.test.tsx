import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { R2MessagesProvider, useR2Dropzone } from '../../src/react/index.ts';
import { de } from '../../src/locales/de.ts';
import { MyUploader } from '../../stories/composed-uploader.tsx';
import { useFakeUploadBackend } from '../support/fake-upload-backend.ts';

// MyUploader is the README's composition example verbatim (readme-examples.test.ts checks it).
const { endpoint, bucket } = useFakeUploadBackend();
const cat = () => new File(['meow'], 'cat.png', { type: 'image/png' });

describe('composing the parts (the README example)', () => {
  it('uploads a picked file through the kit, with the default rows, buttons and announcements, and your classes', async () => {
    bucket.delay(800);
    const user = userEvent.setup();
    render(<MyUploader endpoint={endpoint} />);
    const input = screen.getByLabelText(/^Choose files/);
    expect(input).toHaveAttribute('accept', 'image/*');
    expect(input.closest('label')).toHaveClass('r2u-dropzone', 'my-dropzone');
    expect(screen.queryByRole('list')).not.toBeInTheDocument();

    await user.upload(input, cat());
    const list = screen.getByRole('list', { name: 'Uploads' });
    expect(list).toHaveClass('my-list');
    expect(within(list).getByRole('listitem')).toHaveClass('r2u-row', 'my-row');
    expect(await screen.findByRole('button', { name: 'Cancel upload of cat.png' })).toBeInTheDocument();
    expect(await within(list).findByText('Uploaded', {}, { timeout: 3_000 })).toBeInTheDocument();
    expect(bucket.get('uploads/cat.png')?.contentType).toBe('image/png');
    expect(screen.getByRole('status')).toHaveTextContent('cat.png uploaded.');

    await user.click(screen.getByRole('button', { name: 'Clear finished' }));
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('speaks the provider’s language', async () => {
    const user = userEvent.setup();
    render(
      <R2MessagesProvider messages={de} locale="de">
        <MyUploader endpoint={endpoint} />
      </R2MessagesProvider>,
    );
    await user.upload(screen.getByLabelText(/^Dateien auswählen/), cat());
    expect(await screen.findByText('Hochgeladen')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abgeschlossene entfernen' })).toBeInTheDocument();
  });
});

function OwnDropzone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { getRootProps, getInputProps, isDragging } = useR2Dropzone({ onFiles, accept: '.txt', multiple: false });
  return (
    <label {...getRootProps()} className="zone">
      <input {...getInputProps()} /> {isDragging ? 'Let go' : 'Attach a note'}
    </label>
  );
}

describe('useR2Dropzone (prop getters for your own markup)', () => {
  it('hands picked files over and shows dragging', async () => {
    const onFiles = vi.fn();
    const user = userEvent.setup();
    render(<OwnDropzone onFiles={onFiles} />);
    const input = screen.getByLabelText(/Attach a note/);
    expect(input).toHaveAttribute('accept', '.txt');
    expect(input).not.toHaveAttribute('multiple');
    const note = new File(['hi'], 'note.txt', { type: 'text/plain' });
    await user.upload(input, note);
    expect(onFiles).toHaveBeenCalledWith([note]);

    const zone = input.closest('label')!;
    const dragEvent = new Event('dragenter', { bubbles: true, cancelable: true });
    Object.defineProperty(dragEvent, 'dataTransfer', { value: { types: ['Files'] } });
    zone.dispatchEvent(dragEvent);
    expect(await screen.findByText('Let go')).toBeInTheDocument();
    expect(zone).toHaveAttribute('data-dragging');
  });
});
