// setValues (EDIT): one value per sample of a view (aligned, view order) or per id, validated like adds, written in batches.
import { SAMPLE_ID_PATTERN, type View } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest } from '../errors/app-error.js';
import type { SampleRow, ViewTarget } from '../views/view-target.js';
import { FieldValues } from '../encoding/field-values.js';
import { isPlainObject } from '../encoding/json-check.js';
import { atIndex, type SampleContext } from './sample-context.js';
import { checkPath, sampleNotFound } from './sample-reads.js';
import { chunks } from './sample-documents.js';
import { SchemaBuilder } from '../fields/schema-inference.js';
import { applyWrite, normalizeWriteValue, resolveWritePath } from './value-writes.js';

/** Samples read, changed and written back per statement group. */
const WRITE_CHUNK = 500;
const SAMPLE_ID = new RegExp(SAMPLE_ID_PATTERN);

export interface SetValuesInput {
  view?: unknown;
  path: string;
  values?: unknown[];
  valuesById?: Record<string, unknown>;
}

/** True when the view filters the labels of `field`: aligned label values then follow the labels it shows. */
function filtersLabelsOf(view: View, field: string): boolean {
  return view.stages.some((stage) => stage.stage === 'filter_labels' && stage.field === field);
}

export class SetValues {
  constructor(private readonly ctx: SampleContext) {}

  async run(actor: Actor, dataset: string, input: SetValuesInput): Promise<{ updated: number }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    if (!isPlainObject(input)) throw badRequest('setValues takes {path, values | valuesById, view?}');
    const path = checkPath(input.path);
    if ((input.values === undefined) === (input.valuesById === undefined))
      throw badRequest('Give exactly one of values and valuesById');
    const write = resolveWritePath(target.schema, path);
    const view = this.ctx.reader.parse(target, input.view);

    const { ids, raw } =
      input.values !== undefined
        ? await this.aligned(target, view, input.values)
        : await this.byId(target, view, input.valuesById);
    const schema = new SchemaBuilder(target.schema);
    const values = new FieldValues(schema);
    const normalized = raw.map((value, i) => atIndex(i, () => normalizeWriteValue(write, value, values)));
    const visible =
      write.kind === 'items' && filtersLabelsOf(view, write.field)
        ? await this.visibleLabels(target, view, write.field)
        : undefined;
    const keepNull = write.kind !== 'field' || schema.typeOf(write.name) !== undefined;
    if (ids.length === 0) return { updated: 0 };

    const at = nowIso();
    return this.ctx.database.db.transaction().execute(async (trx) => {
      await this.ctx.fields.apply(trx, record.id, schema.changes(), at);
      if (input.valuesById !== undefined) {
        const found = await this.ctx.samples.idsIn(trx, record.id, ids);
        const missing = ids.find((id) => !found.has(id));
        if (missing !== undefined) throw sampleNotFound(missing, record.name);
      }
      const updated =
        write.kind === 'field'
          ? // A top-level field is set in SQL from ids and values alone; other paths rewrite each document.
            await this.ctx.bulk.setField(
              trx,
              record.id,
              write.name,
              ids.map((id, i) => [id, normalized[i]] as const),
              !keepNull,
              at,
            )
          : await this.rewrite(
              trx,
              record.id,
              ids,
              (row, value) =>
                applyWrite(row, write, value, {
                  keepNull,
                  ...(visible ? { visible: visible.get(row.id) ?? new Set() } : {}),
                }),
              normalized,
              at,
            );
      await this.ctx.touch(trx, record.id, at);
      return { updated };
    });
  }

  /** Reads the samples a chunk at a time (locked), applies each one's value and writes the documents back. */
  private async rewrite(
    trx: Db,
    datasetId: string,
    ids: string[],
    apply: (row: SampleRow, value: unknown) => void,
    values: unknown[],
    at: string,
  ): Promise<number> {
    const byId = new Map(ids.map((id, i) => [id, values[i]]));
    let updated = 0;
    for (const part of chunks(ids, WRITE_CHUNK)) {
      const rows = await this.ctx.samples.findByIds(trx, datasetId, part, true);
      for (const row of rows) apply(row, byId.get(row.id));
      await this.ctx.samples.writeBack(trx, datasetId, rows, at);
      updated += rows.length;
    }
    return updated;
  }

  /** `values` aligned with the view's samples: one per sample, in view order. */
  private async aligned(target: ViewTarget, view: View, values: unknown): Promise<{ ids: string[]; raw: unknown[] }> {
    if (!Array.isArray(values))
      throw badRequest('values must be a list, one value per sample of the view', { field: 'values' });
    const ids = await this.ctx.reader.sampleIds(target, view);
    if (values.length !== ids.length) {
      throw badRequest(`values has ${values.length} entries but the view has ${ids.length} samples`, {
        field: 'values',
        expected: ids.length,
        actual: values.length,
      });
    }
    return { ids, raw: values };
  }

  /** `valuesById`: ids must be samples of the dataset, and of the view when one is given. */
  private async byId(target: ViewTarget, view: View, valuesById: unknown): Promise<{ ids: string[]; raw: unknown[] }> {
    if (!isPlainObject(valuesById))
      throw badRequest('valuesById must be an object of sample id → value', { field: 'valuesById' });
    const ids = Object.keys(valuesById);
    const bad = ids.find((id) => !SAMPLE_ID.test(id));
    if (bad !== undefined)
      throw badRequest(`valuesById: ${JSON.stringify(bad)} is not a sample id`, { field: 'valuesById' });
    if (view.stages.length > 0) {
      const inView = new Set(await this.ctx.reader.sampleIds(target, view));
      const outside = ids.find((id) => !inView.has(id));
      if (outside !== undefined)
        throw badRequest(`valuesById: sample ${outside} is not in the view`, {
          field: 'valuesById',
          sampleId: outside,
        });
    }
    return { ids, raw: ids.map((id) => valuesById[id]) };
  }

  private async visibleLabels(target: ViewTarget, view: View, field: string): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    for (const entry of await this.ctx.reader.visibleLabels(target, view, [field]))
      out.set(entry.sampleId, new Set(entry.labelIds));
    return out;
  }
}
