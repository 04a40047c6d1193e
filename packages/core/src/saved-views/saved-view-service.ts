// Saved views (docs/design.md §5): named views of a dataset — list and load (VIEW), save and delete (EDIT); validated against the schema when saved.
import {
  DATASET_DESCRIPTION_MAX_LENGTH,
  SAVED_VIEW_COLOR_PATTERN,
  SAVED_VIEW_NAME_MAX_LENGTH,
  datasetSlug,
  type SavedView,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import { badRequest, conflict, notFound, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { stringProblem } from '../encoding/json-check.js';
import type { SampleContext } from '../samples/sample-context.js';
import { toSavedView, type SavedViewStore } from './saved-view-store.js';

export interface SaveViewInput {
  view: unknown;
  description?: string | null;
  color?: string | null;
  overwrite?: boolean;
}

/** Name trimmed, 1–200 characters, with a non-empty slug (the same rule as dataset names). */
export function normalizeViewName(name: unknown): { name: string; slug: string } {
  if (typeof name !== 'string') throw badRequest('The view name must be a string', { field: 'name' });
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > SAVED_VIEW_NAME_MAX_LENGTH || stringProblem(trimmed)) {
    throw badRequest(`The view name must be 1–${SAVED_VIEW_NAME_MAX_LENGTH} characters`, { field: 'name' });
  }
  const slug = datasetSlug(trimmed);
  if (slug === '')
    throw badRequest('The view name must contain at least one letter or digit (a–z, 0–9), to make its slug', {
      field: 'name',
    });
  return { name: trimmed, slug };
}

function normalizeDescription(description: unknown): string | null | undefined {
  if (description === undefined || description === null) return description;
  if (
    typeof description !== 'string' ||
    description.length > DATASET_DESCRIPTION_MAX_LENGTH ||
    stringProblem(description)
  ) {
    throw badRequest(`description must be null or a string of at most ${DATASET_DESCRIPTION_MAX_LENGTH} characters`, {
      field: 'description',
    });
  }
  return description;
}

function normalizeColor(color: unknown): string | null | undefined {
  if (color === undefined || color === null) return color;
  if (typeof color !== 'string' || !new RegExp(SAVED_VIEW_COLOR_PATTERN).test(color))
    throw badRequest('color must be null or a colour written #rrggbb', { field: 'color' });
  return color.toLowerCase();
}

function viewNotFound(name: string, dataset: string): AppError {
  return notFound(`Saved view ${JSON.stringify(name)} not found in dataset ${JSON.stringify(dataset)}`);
}

export class SavedViewService {
  constructor(
    private readonly ctx: SampleContext,
    private readonly store: SavedViewStore,
  ) {}

  async list(actor: Actor, dataset: string): Promise<SavedView[]> {
    const { record } = await this.ctx.datasets.access(actor, dataset, 'VIEW');
    return this.store.list(record.id);
  }

  async get(actor: Actor, dataset: string, name: string): Promise<SavedView> {
    const { record } = await this.ctx.datasets.access(actor, dataset, 'VIEW');
    const row = typeof name === 'string' ? await this.store.find(record.id, name) : undefined;
    if (!row) throw viewNotFound(String(name), record.name);
    return toSavedView(row);
  }

  /** 409 when the name exists (unless `overwrite`) or when another view already has its slug (always). */
  async save(actor: Actor, dataset: string, rawName: string, input: SaveViewInput): Promise<SavedView> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    const { name, slug } = normalizeViewName(rawName);
    const view = this.ctx.reader.parse(target, input?.view);
    const description = normalizeDescription(input?.description);
    const color = normalizeColor(input?.color);
    const at = nowIso();
    const createdBy = actor.kind === 'user' ? actor.user.id : null;
    try {
      const row = await this.ctx.database.db.transaction().execute(async (trx) => {
        const clashes = await this.store.clashes(trx, record.id, name, slug);
        const same = clashes.find((r) => r.name === name);
        const other = clashes.find((r) => r.name !== name);
        if (other) {
          throw conflict(
            `Saved view ${JSON.stringify(other.name)} already has the slug ${JSON.stringify(slug)}; choose a name that differs by more than case and punctuation`,
            { field: 'slug', slug },
          );
        }
        if (same && input?.overwrite !== true)
          throw conflict(
            `Saved view ${JSON.stringify(name)} already exists in dataset ${JSON.stringify(record.name)}; pass overwrite to replace it`,
            { field: 'name' },
          );
        if (same) {
          const patch = {
            view: JSON.stringify(view),
            description: description === undefined ? same.description : description,
            color: color === undefined ? (same.color ?? null) : color,
            last_modified_at: at,
          };
          await this.store.replace(trx, same.id, patch);
          return { ...same, ...patch };
        }
        const created = {
          id: newId(),
          dataset_id: record.id,
          name,
          slug,
          description: description ?? null,
          color: color ?? null,
          view: JSON.stringify(view),
          created_at: at,
          last_modified_at: at,
          created_by: createdBy,
        };
        await this.store.insert(trx, created);
        return created;
      });
      return toSavedView(row);
    } catch (error) {
      // Two concurrent saves of one new name: the unique constraints turn the loser into a 409.
      if (isUniqueViolation(error))
        throw conflict(`Saved view ${JSON.stringify(name)} already exists in dataset ${JSON.stringify(record.name)}`, {
          field: 'name',
        });
      throw error;
    }
  }

  async delete(actor: Actor, dataset: string, name: string): Promise<void> {
    const { record } = await this.ctx.datasets.access(actor, dataset, 'EDIT');
    const row = typeof name === 'string' ? await this.store.find(record.id, name) : undefined;
    if (!row) throw viewNotFound(String(name), record.name);
    await this.ctx.database.db.transaction().execute((trx) => this.store.delete(trx, row.id));
  }
}
