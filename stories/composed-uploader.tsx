// The README's "Composing your own uploader" example, verbatim below this line: test/unit/react-composition.test.tsx renders it.
import { R2Uploader, useR2Text, useR2Upload, type UploadState } from 'r2-uploader';

const finished = ({ status }: UploadState) => status === 'done' || status === 'error' || status === 'canceled';

/** The default UI rebuilt from its parts, each with a class of your own. */
export function MyUploader({ endpoint }: { endpoint: string }) {
  const { upload, uploads, cancel, retry, pause, resume, clear } = useR2Upload({ endpoint });
  const t = useR2Text(); // the words in force: English, or an R2MessagesProvider's
  return (
    <div className="r2u-root my-uploader">
      <R2Uploader.Dropzone onFiles={upload} accept="image/*" className="my-dropzone" />
      {uploads.length > 0 ? (
        <ul className="r2u-list my-list" aria-label={t.uploads}>
          {uploads.map((item) => (
            <R2Uploader.FileRow
              key={item.id}
              upload={item}
              onCancel={cancel}
              onRetry={retry}
              onPause={pause}
              onResume={resume}
              className="my-row"
            />
          ))}
        </ul>
      ) : null}
      {uploads.some(finished) ? (
        <button type="button" className="r2u-button my-clear" onClick={clear}>
          {t.clearFinished}
        </button>
      ) : null}
      <R2Uploader.Announcer uploads={uploads} />
    </div>
  );
}
