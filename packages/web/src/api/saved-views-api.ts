// A dataset's saved views: list (VIEW), save or replace (EDIT), delete (EDIT).
import type { SavedView, SavedViewList, SaveViewBody } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const savedViewsApi = {
  list: (dataset: string) => http.get<SavedViewList>(fillPath(PATHS.savedViews, { name: dataset })),
  save: (dataset: string, view: string, body: SaveViewBody) =>
    http.put<SavedView>(fillPath(PATHS.savedView, { name: dataset, view }), body),
  delete: (dataset: string, view: string) => http.delete(fillPath(PATHS.savedView, { name: dataset, view })),
};
