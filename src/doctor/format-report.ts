import type { DoctorReport } from './types.js';

const indent = (text: string, by = '    ') => text.replace(/^/gm, by);

/** The report as the CLI prints it: PASS/FAIL per check, then the exact fix. */
export function formatReport(report: DoctorReport): string {
  const lines = [`r2-uploader doctor: CORS of bucket "${report.bucket}" at ${report.endpoint}, for pages on ${report.origin}`, ''];
  for (const check of report.checks) {
    lines.push(`  ${check.ok ? 'PASS' : 'FAIL'}  ${check.title}`, `        ${check.detail}`);
    if (check.hint) lines.push(`        Fix: ${check.hint}`);
  }
  for (const note of report.notes) lines.push('', `  Note: ${note}`);
  const failed = report.checks.filter((check) => !check.ok).length;
  lines.push('', failed === 0 ? `All ${report.checks.length} checks passed.` : `${failed} of ${report.checks.length} checks failed.`);
  if (report.fix) {
    lines.push(
      '',
      `To fix it, apply this CORS policy. In the dashboard (R2 → ${report.bucket} → Settings → CORS policy):`,
      '',
      indent(JSON.stringify(report.fix.policy, null, 2)),
      '',
      'Or with wrangler: save this as cors.json',
      '',
      indent(JSON.stringify(report.fix.wranglerFile, null, 2)),
      '',
      'and run:',
      '',
      `    ${report.fix.command}`,
      '',
      'Both replace the whole policy: keep any rules the bucket already has for other origins. Changes can take a few seconds to apply.',
    );
  }
  return lines.join('\n');
}
