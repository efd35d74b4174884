import type { ZodError } from 'zod';
import type { FieldProblem } from '../errors.js';

type Location = NonNullable<FieldProblem['location']>;

/** Turns a ZodError into field problems that name each bad field by its dotted path. */
export function zodProblems(error: ZodError, location?: Location): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          location,
          path: [...base, key].join('.'),
          message: 'Unknown field.',
          code: issue.code,
        });
      }
      continue;
    }
    problems.push({
      location,
      path: base.join('.') || '(root)',
      message: issue.message,
      code: issue.code,
    });
  }
  return problems;
}
