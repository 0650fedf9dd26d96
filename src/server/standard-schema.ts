/*
 * The Standard Schema interface (standardschema.dev, v1), which zod, valibot,
 * arktype and others implement: declared here rather than depended on, as
 * the spec intends, so any of them validates metadata and none is required.
 */

/** One problem a validator found. */
export interface StandardSchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What `validate` returns: the value (possibly transformed), or the issues. */
export type StandardSchemaResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** A Standard Schema v1 validator, such as a zod, valibot or arktype schema. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const standard = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard'];
  return typeof standard === 'object' && standard !== null && standard.version === 1 && typeof standard.validate === 'function';
}

/** `name: message; items.0: message`, for a 422 the user can act on. */
export function describeIssues(issues: ReadonlyArray<StandardSchemaIssue>): string {
  return issues
    .slice(0, 5)
    .map(({ message, path }) => {
      const where = (path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
      return where ? `${where}: ${message}` : message;
    })
    .join('; ');
}
