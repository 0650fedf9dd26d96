/**
 * `r2-uploader/doctor`: checks a bucket's CORS policy for browser uploads
 * with real requests, and says exactly how to fix it. Also on the command
 * line: `npx r2-uploader doctor --origin https://app.example`.
 *
 * @packageDocumentation
 */
export { checkBucketCors } from './check-cors.js';
export { formatReport } from './format-report.js';
export { preflightProblem } from './preflight.js';
export type { DoctorCheck, DoctorOptions, DoctorReport } from './types.js';
