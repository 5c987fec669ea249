import type { z } from 'zod';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a text cannot be stored as is, or null. PostgreSQL refuses NUL (`\u0000`) in text columns, and a lone UTF-16
 * surrogate (`"\ud800"` in JSON) has no UTF-8 form: both would fail deep in the database, or store on one database
 * and not the other, so they are refused at the door with the field named.
 */
export function unsafeTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain broken Unicode (a lone UTF-16 surrogate)';
  return null;
}

/** For `.superRefine` on any string schema: adds the problem as an issue at the string's own path. */
export function refineSafeText(text: string | null | undefined, ctx: z.RefinementCtx): void {
  const problem = typeof text === 'string' ? unsafeTextProblem(text) : null;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}

/** The first unsafe string anywhere in a JSON value, with its path (`view.state.values.summary.input.value`). */
export function findUnsafeText(
  value: unknown,
  path: string[] = [],
  depth = 0,
): { path: string[]; problem: string } | null {
  if (depth > 20) return null;
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem ? { path, problem } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findUnsafeText(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
