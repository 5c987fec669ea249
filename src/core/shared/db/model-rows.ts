import { Prisma } from './generated/sqlite';
import { readDateOrNull, readIntOrNull, readStringOrNull } from './sql';

/**
 * Column lists and row readers for prepared SQL, taken from the Prisma schema (the generated client's datamodel), so
 * a column added to prisma/models.prisma reaches every prepared read without a list to copy it into.
 */
export type TModelName = Prisma.ModelName;

const READERS: Record<string, (value: unknown) => unknown> = {
  Int: readIntOrNull,
  Float: readIntOrNull,
  String: readStringOrNull,
  DateTime: readDateOrNull,
  Boolean: (value) => (value === null || value === undefined ? null : Boolean(Number(value))),
};

export interface TModelShape<T> {
  /** `"id","name",…` for `SELECT`/`RETURNING`; with an alias, `c."id" AS "c_id",…` for a join. */
  columns(alias?: string): string;
  /** A model object from a row; `prefix` names its columns in a join (`c_`), and null when the join found none. */
  fromRow(row: Record<string, unknown>, prefix?: string): T;
}

/** The scalar columns of `model`, in schema order, with a reader for each one's type. */
export function modelShape<T>(model: TModelName): TModelShape<T> {
  const fields = Prisma.dmmf.datamodel.models
    .find((candidate) => candidate.name === model)
    ?.fields.filter((field) => field.kind === 'scalar')
    .map((field) => {
      const read = READERS[field.type];
      if (!read) throw new Error(`${model}.${field.name}: no reader for ${field.type}`);
      return { name: field.name, read };
    });
  if (!fields?.length) throw new Error(`no model ${model} in the Prisma schema`);
  const plain = fields.map((field) => `"${field.name}"`).join(',');
  return {
    columns: (alias) =>
      alias ? fields.map((field) => `${alias}."${field.name}" AS "${alias}_${field.name}"`).join(',') : plain,
    fromRow: (row, prefix = '') =>
      Object.fromEntries(fields.map((field) => [field.name, field.read(row[prefix + field.name])])) as T,
  };
}
