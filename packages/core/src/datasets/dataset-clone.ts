// Cloning (docs/design.md §2, §5): a dataset, or a view's samples with its label filters and field selection applied, into a new dataset.
import { roleAtLeast, type Dataset, type FieldSchema, type FieldType, type View } from '@teamset/contract';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, forbidden } from '../errors/app-error.js';
import { newId } from '../ids.js';
import type { SavedViewStore } from '../saved-views/saved-view-store.js';
import { isPlainObject } from '../encoding/json-check.js';
import type { OpenDataset, SampleContext } from '../samples/sample-context.js';
import type { EncodedSample } from '../samples/sample-store.js';
import { MIN_DATASET_CREATOR_ROLE } from './dataset-service.js';

/** Samples read from the source view and inserted per round. */
const CLONE_PAGE = 1_000;

/**
 * The schema entries a view keeps: select_fields keeps the named top-level fields (and what lies below
 * them), exclude_fields drops the named paths and what lies below them. Built-ins are not in the schema.
 */
export function projectSchema(schema: FieldSchema, view: View): FieldSchema {
  let paths = Object.keys(schema);
  for (const stage of view.stages) {
    if (stage.stage === 'select_fields') {
      const kept = new Set(stage.fields.map((f) => f.split('.')[0] as string));
      paths = paths.filter((p) => kept.has(p.split('.')[0] as string));
    } else if (stage.stage === 'exclude_fields') {
      paths = paths.filter((p) => !stage.fields.some((f) => p === f || p.startsWith(`${f}.`)));
    }
  }
  const out = Object.create(null) as Record<string, FieldType>;
  for (const p of paths) out[p] = schema[p] as FieldType;
  return out;
}

export class CloneService {
  constructor(
    private readonly ctx: SampleContext,
    private readonly savedViews: SavedViewStore,
  ) {}

  /** VIEW on the source and role MEMBER+ (creating a dataset); the caller gets MANAGE on the clone. */
  async clone(actor: Actor, dataset: string, input: { name: string; view?: unknown }): Promise<Dataset> {
    const source = await this.ctx.open(actor, dataset, 'VIEW');
    if (actor.kind === 'user' && !roleAtLeast(actor.user.role, MIN_DATASET_CREATOR_ROLE)) {
      throw forbidden('Only members and admins can clone datasets', {
        requiredRole: MIN_DATASET_CREATOR_ROLE,
        role: actor.user.role,
      });
    }
    if (!isPlainObject(input)) throw badRequest('clone takes {name, view?}');
    const view = input.view === undefined ? undefined : this.ctx.reader.parse(source.target, input.view);
    // A patches view's rows are labels with their own schema; cloning them into a dataset of patches is not built.
    if (view?.stages.some((stage) => stage.stage === 'to_patches'))
      throw badRequest('A patches view (to_patches) cannot be cloned; clone a view of the samples instead');
    const { record } = source;
    const created = await this.ctx.datasets.create(actor, {
      name: input.name,
      mediaType: record.mediaType,
      tags: record.tags,
      description: record.description,
      info: record.info,
    });
    try {
      await this.ctx.database.db.transaction().execute(async (trx) => {
        const at = nowIso();
        if (view === undefined || view.stages.length === 0) {
          await this.ctx.fields.copy(trx, created.id, source.target.schema, at);
          await this.ctx.bulk.copyAll(trx, record.id, created.id, at);
          await this.savedViews.copyAll(trx, record.id, created.id);
        } else {
          await this.ctx.fields.copy(trx, created.id, projectSchema(source.target.schema, view), at);
          await this.copyView(trx, source, view, created.id, at);
        }
      });
    } catch (error) {
      // The new dataset was committed by create(); without its samples it must not stay behind.
      await this.ctx.datasets.delete(SYSTEM_ACTOR, created.name).catch(() => undefined);
      throw error;
    }
    return this.ctx.datasets.get(actor, created.name);
  }

  /** Streams the view's samples (labels filtered, fields selected) a page at a time into the new dataset, with new sample ids. */
  private async copyView(trx: Db, source: OpenDataset, view: View, toDatasetId: string, at: string): Promise<void> {
    let after: string | undefined;
    do {
      const page = await this.ctx.reader.page(
        source.target,
        view,
        { ...(after !== undefined ? { after } : {}), limit: CLONE_PAGE },
        trx,
      );
      const rows: EncodedSample[] = page.rows.map((row) => ({
        id: newId(),
        filepath: row.filepath,
        tags: JSON.stringify(row.tags),
        metadata: row.metadata === null ? null : JSON.stringify(row.metadata),
        fields: JSON.stringify(row.fields),
      }));
      await this.ctx.samples.insert(trx, toDatasetId, rows, at);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
  }
}
