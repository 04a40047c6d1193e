// Starts the explore view's requests on navigation, all at once where they do not depend on each other: the dataset, its fields and saved views, then (as soon as the fields are in) the grid's first page and the sidebar's facets. The page's own identical requests take these answers (api/prefetch.ts), so the prefetch only ever saves time; a different view is simply asked for again.
import type { FieldList, SavedViewList, Stage } from '@teamset/contract';
import { PATCH_LABEL_CLASSES, patchFields } from '@teamset/contract/constants';
import { datasetsApi } from '../../../api/datasets-api';
import { prefetch } from '../../../api/prefetch';
import { samplesApi } from '../../../api/samples-api';
import { savedViewsApi } from '../../../api/saved-views-api';
import { storedLayout } from './explore-layout';
import { PAGE_SIZE } from './grid/use-view-pages';
import { planFacets } from './sidebar/sidebar-facets';
import { aggregate } from './sidebar/use-facets';
import { compileFilters } from './state/compile-filters';
import { exploreSchema } from './state/explore-schema';
import { decodeFilters, FILTERS_PARAM, PATCHES_PARAM, VIEW_PARAM } from './state/filters-url';

const NONE: Stage[] = [];
let last: { key: string; at: number } | undefined;
/** Two calls for the same address this close together (the first load, then the page's first render) ask once. */
const AGAIN_MS = 5_000;

/** The view the page will show for these fields, saved views and URL parameters: mirrors ExplorePage. */
export function exploreRequests(fields: FieldList, views: SavedViewList | undefined, params: URLSearchParams) {
  const slug = params.get(VIEW_PARAM) ?? undefined;
  const savedStages = (slug !== undefined ? views?.views.find((v) => v.slug === slug)?.view.stages : undefined) ?? NONE;
  const patchable = fields.fields.filter((f) => !f.builtin && PATCH_LABEL_CLASSES.includes(f.type)).map((f) => f.path);
  const savedPatches = savedStages.find((stage) => stage.stage === 'to_patches');
  const requested = params.get(PATCHES_PARAM) ?? undefined;
  const patching =
    savedPatches?.stage === 'to_patches'
      ? savedPatches.field
      : requested !== undefined && patchable.includes(requested)
        ? requested
        : undefined;
  const schema = exploreSchema(patching ? patchFields(fields.fields, patching) : fields.fields);
  const baseStages: Stage[] =
    patching && !savedPatches ? [...savedStages, { stage: 'to_patches', field: patching }] : savedStages;
  const compiled = compileFilters(decodeFilters(params.get(FILTERS_PARAM)), schema);
  const stages = [...baseStages, ...compiled.flatMap((c) => c.stages)];
  return { schema, baseStages, stages, filtered: compiled.length > 0, patching };
}

/** Prefetches what `/datasets/<name>?<search>` shows first (the grid layout; the table asks for its own). */
export function prefetchExplore(name: string, search: string): void {
  const key = `${name}?${search}`;
  if (last && last.key === key && Date.now() - last.at < AGAIN_MS) return;
  last = { key, at: Date.now() };
  const params = new URLSearchParams(search);
  let fields: Promise<FieldList> | undefined;
  let views: Promise<SavedViewList> | undefined;
  prefetch(() => {
    void datasetsApi.get(name).catch(() => {});
    fields = samplesApi.fields(name);
    views = savedViewsApi.list(name);
  });
  if (!fields || !views) return;
  // A saved view's stages are in the list; without one, the first page and facets need only the fields.
  const needsViews = params.has(VIEW_PARAM);
  Promise.all([fields, needsViews ? views : undefined])
    .then(([fieldList, viewList]) => {
      const view = exploreRequests(fieldList, viewList, params);
      const plan = planFacets(view.schema);
      prefetch(() => {
        void aggregate(name, view.baseStages, plan.aggregations).catch(() => {});
        if (view.filtered) void aggregate(name, view.stages, plan.aggregations).catch(() => {});
        if (!view.patching && storedLayout() === 'grid')
          void samplesApi.page(name, { view: { stages: view.stages }, limit: PAGE_SIZE }).catch(() => {});
      });
    })
    .catch(() => {});
}

/** The dataset name when `pathname` is a dataset's Samples tab. */
export function exploredDataset(pathname: string): string | undefined {
  const match = /^\/datasets\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
