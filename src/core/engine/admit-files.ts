import { toR2UploadError, type R2UploadError } from '../errors/upload-error.js';
import type { R2UploadWarning } from '../errors/warnings.js';
import { admitBatch, rejectionError, runValidate, type ClientRules } from '../policy/admission.js';
import { resolveContentType } from '../policy/content-type.js';
import { processesImages } from '../policy/image-options.js';
import { checkFile, type FileRejection } from '../policy/rules.js';
import type { UploadRules } from '../protocol/rules-protocol.js';
import type { UploadResult } from '../protocol/upload-protocol.js';
import { sleep } from '../transport/abortable-sleep.js';
import type { ImagesFeature } from './features.js';
import type { UploadEvent } from './upload-machine.js';
import type { UploadRecord } from './upload-records.js';
import { withServerRules } from '../policy/server-rules.js';
import type { UploaderOptions, UploadState } from './types.js';

/** Files whose runs start in one task when many are added at once. */
const ADMITTED_PER_TASK = 100;

/** What admission needs of the engine. */
export interface AdmissionContext {
  options(): UploaderOptions;
  uploads(): readonly UploadState[];
  record(id: string): UploadRecord | undefined;
  /** The backend's rules, when the uploader asks for them (else `undefined`, not a promise); `first` is the file a warning names. */
  serverRules(first: File | undefined): Promise<UploadRules | undefined> | undefined;
  images(): Promise<ImagesFeature>;
  dispatch(id: string, event: UploadEvent): UploadState | undefined;
  warn(warning: R2UploadWarning, file: File): void;
  fail(id: string, error: R2UploadError): void;
  /** Starts the file's run; resolves with its result once it is final. */
  track(record: UploadRecord): Promise<UploadResult | undefined>;
}

/** The image features could not load (a blip, a deploy): the file goes as it is, as for any image they could not process. */
function featureMissing(file: File, error: unknown): { file: File; warning: R2UploadWarning } {
  return {
    file,
    warning: {
      code: 'image_unprocessed',
      message: `${file.name} was uploaded as it is: the image features could not load (${error instanceof Error ? error.message : String(error)}).`,
      hint: 'Check that the app serves every chunk of its build; the next file tries to load them again.',
    },
  };
}

/**
 * Admits the files of one `upload()` (or `retry()`), in order, before any
 * reaches the backend: the rules, then the image processing the options ask
 * for (whose output the rules check again, since it is what is signed), then
 * `validate`; refused files fail with `file_rejected`, the others start.
 */
export function createAdmission(context: AdmissionContext) {
  const needsPreparing = (upload: UploadState) => processesImages(context.options()) && upload.file.type.startsWith('image/') && !context.record(upload.id)?.prepared;

  /** Processes an image, shows what will be sent, and checks it against the rules. */
  async function prepare(upload: UploadState, rules: ClientRules): Promise<{ file: File; rejection?: FileRejection | undefined }> {
    const original = upload.file;
    const prepared = await context.images().then((images) => images.prepareImage(original, context.options()), (error: unknown) => featureMissing(original, error));
    if (prepared.warning) context.warn(prepared.warning, original);
    const record = context.record(upload.id);
    if (record) record.prepared = true;
    const { file } = prepared;
    const type = resolveContentType(file);
    if (file !== original) context.dispatch(upload.id, { type: 'prepared', file, contentType: type });
    return { file, rejection: checkFile({ name: file.name, type, size: file.size }, rules) };
  }

  return async function admit(ids: readonly string[], failed: ReadonlyMap<string, R2UploadError> = new Map()): Promise<Array<UploadResult | undefined>> {
    const options = context.options();
    const find = (id: string) => context.uploads().find((upload) => upload.id === id);
    // Without server rules nothing is awaited, so the rules' refusals show within upload() itself.
    const asking = context.serverRules(find(ids[0] ?? '')?.file);
    const serverRules = asking ? await asking : undefined;
    const rules = withServerRules(options, serverRules);
    const uploads = context.uploads();
    const asked = new Set(ids);
    const batch = uploads.filter((upload) => asked.has(upload.id));
    const held = uploads.filter((upload) => !asked.has(upload.id) && upload.status !== 'error' && upload.status !== 'canceled').length;
    // An image to process is checked by type and size once processed: a 12 MB photo may be allowed as the 1 MB it becomes.
    const verdicts = admitBatch(batch, rules, held, needsPreparing);
    // Starting 1,000 runs at once holds the page for tens of ms: after the first 100, each 100 start a task later.
    let turn = Promise.resolve();
    const turns = batch.map((_, index) => (turn = index > 0 && index % ADMITTED_PER_TASK === 0 ? turn.then(() => sleep(0)) : turn));
    return Promise.all(
      batch.map(async (upload, index) => {
        const record = context.record(upload.id);
        if (!record) return undefined;
        try {
          const broken = failed.get(upload.id);
          if (broken) throw broken;
          // Refusals by the rules show at once; processing, validate and the run wait for the file's turn.
          let rejection = verdicts[index];
          if (!rejection) {
            await turns[index];
            let file = upload.file;
            if (needsPreparing(upload)) ({ file, rejection } = await prepare(upload, rules));
            rejection ??= await runValidate(file, options.validate);
          }
          if (rejection) throw rejectionError(rejection);
        } catch (error) {
          return void context.fail(upload.id, toR2UploadError(error));
        }
        return context.track(record);
      }),
    );
  };
}
