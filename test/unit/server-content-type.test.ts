import { describe, expect, it } from 'vitest';
import { clampExpiresIn } from '../../src/server/config.ts';
import { matchesMediaType, mediaTypeEssence } from '../../src/core/policy/media-type.ts';
import { isValidContentType, isValidContentTypePattern } from '../../src/server/content-type.ts';

const isContentTypeAllowed = (contentType: string, patterns: string[]) => patterns.some((pattern) => matchesMediaType(contentType, pattern));

describe('content types', () => {
  it.each(['image/png', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'image/svg+xml', 'text/plain; charset=utf-8', 'text/plain;charset=utf-8', 'IMAGE/PNG'])(
    '%j is valid',
    (value) => expect(isValidContentType(value)).toBe(true),
  );

  it.each(['', 'image', 'image/', '/png', 'image/png ', 'image /png', 'text/plain;  charset=utf-8', 'text/plain; charset="utf-8"', 'a/b\r\nx: y', 'é/png', `a/${'b'.repeat(300)}`])(
    '%j is invalid',
    (value) => expect(isValidContentType(value)).toBe(false),
  );

  it('matches exact types and wildcards on the essence, case-insensitively', () => {
    const allowed = ['image/*', 'Application/PDF'];
    expect(isContentTypeAllowed('image/png', allowed)).toBe(true);
    expect(isContentTypeAllowed('IMAGE/HEIC', allowed)).toBe(true);
    expect(isContentTypeAllowed('application/pdf; x=y', allowed)).toBe(true);
    expect(isContentTypeAllowed('application/pdfx', allowed)).toBe(false);
    expect(isContentTypeAllowed('imagex/png', allowed)).toBe(false);
    expect(isContentTypeAllowed('text/html', allowed)).toBe(false);
    expect(isContentTypeAllowed('text/html', ['*/*'])).toBe(true);
    expect(isContentTypeAllowed('text/html', [])).toBe(false);
    expect(mediaTypeEssence('Text/Plain; charset=UTF-8')).toBe('text/plain');
  });

  it('accepts only type/subtype, type/* and */* as patterns', () => {
    expect(['image/png', 'image/*', '*/*'].every(isValidContentTypePattern)).toBe(true);
    expect(['image', '*', '*/png', 'image/png; x=y', ''].some(isValidContentTypePattern)).toBe(false);
  });
});

describe('clampExpiresIn', () => {
  it('defaults to 600 and clamps to 1 … 604800 whole seconds', () => {
    expect(clampExpiresIn(undefined)).toBe(600);
    expect(clampExpiresIn(Number.POSITIVE_INFINITY)).toBe(600);
    expect(clampExpiresIn(0)).toBe(1);
    expect(clampExpiresIn(59.9)).toBe(59);
    expect(clampExpiresIn(604_801)).toBe(604_800);
  });
});
