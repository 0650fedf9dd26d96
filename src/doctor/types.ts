import type { CorsMethod } from '../core/transport/put-hints.js';

/** Which bucket to examine, for which page origin. */
export interface DoctorOptions {
  /** The S3 API base without the bucket, e.g. `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The SigV4 region. Default `auto` (R2). */
  region?: string;
  /** The origin of the page that uploads, exactly as browsers send it: `https://app.example`. */
  origin: string;
  /** Also check GET and DELETE, which a list of uploaded objects needs (download and delete buttons). */
  list?: boolean;
  /**
   * Checks that ETag is exposed with a real upload: a presigned PUT of a tiny
   * object under `.r2-uploader-doctor/`, deleted right after. Needs write
   * access, like the app. Default `true`; `false` skips that check.
   */
  probe?: boolean;
  /** Replaces `fetch` (tests, proxies). */
  fetch?: typeof fetch;
}

/** One check and its outcome. */
export interface DoctorCheck {
  id: 'put-preflight' | 'etag-exposed' | 'get-preflight' | 'delete-preflight';
  /** What is checked, as a sentence. */
  title: string;
  ok: boolean;
  /** What the bucket answered. */
  detail: string;
  /** A failure a CORS policy cannot fix (credentials, network), with its own fix. */
  hint?: string;
}

/** What `checkBucketCors` found, and the fix when something failed. */
export interface DoctorReport {
  ok: boolean;
  bucket: string;
  endpoint: string;
  origin: string;
  checks: DoctorCheck[];
  /** Notes that are not checks (the probe object could not be deleted, ...). */
  notes: string[];
  /** When a CORS check failed: the policy that fixes it, in both forms, and the command. */
  fix?: {
    methods: CorsMethod[];
    /** The S3 form, for the dashboard. */
    policy: object[];
    /** The Cloudflare API form, for `cors.json`. */
    wranglerFile: object;
    command: string;
  };
}
