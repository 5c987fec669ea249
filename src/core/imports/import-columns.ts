/**
 * Header matching: case, spaces, `_` and `-` do not matter ("Response Date", "response_date" and "responseDate"
 * are one header), columns may come in any order, and each field lists the names exports use for it, best first.
 */
export interface TColumnSpec {
  /** Header names that mean this field, in order of preference when a file has several of them. */
  headers: string[];
  required?: boolean;
  /** Required only when this says so of the fields the file has (an event column needs its date column). */
  requiredIf?: (present: ReadonlySet<string>) => boolean;
}

export type TColumnSpecs<F extends string> = Record<F, TColumnSpec>;

export const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface THeaderMapping<F extends string> {
  /** Field → index of the column that holds it. */
  columns: Map<F, number>;
  /** Required fields the file has no column for. */
  missing: F[];
  /** Headers that mean nothing here; reported, not fatal. */
  ignored: string[];
}

export function mapHeaders<F extends string>(headers: string[], specs: TColumnSpecs<F>): THeaderMapping<F> {
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (key && !byKey.has(key)) byKey.set(key, index);
  });
  const columns = new Map<F, number>();
  const used = new Set<number>();
  const missing: F[] = [];
  for (const field of Object.keys(specs) as F[]) {
    const spec = specs[field];
    const index = spec.headers
      .map((name) => byKey.get(headerKey(name)))
      .find((found) => found !== undefined && !used.has(found));
    if (index === undefined) continue;
    columns.set(field, index);
    used.add(index);
  }
  const present = new Set<string>(columns.keys());
  for (const field of Object.keys(specs) as F[]) {
    const spec = specs[field];
    if (!columns.has(field) && (spec.required || spec.requiredIf?.(present))) missing.push(field);
  }
  const ignored = headers.filter((header, index) => !used.has(index) && header.trim() !== '');
  return { columns, missing, ignored };
}

/** A record's cells by field name; a short row leaves the missing cells empty. */
export function pickFields<F extends string>(fields: string[], columns: Map<F, number>): Partial<Record<F, string>> {
  const picked: Partial<Record<F, string>> = {};
  for (const [field, index] of columns) picked[field] = fields[index] ?? '';
  return picked;
}
