// Datasets you can see: list, create, get, edit or rename, delete.
import type { CreateDatasetBody, Dataset, DatasetPage, ListDatasetsQuery, UpdateDatasetBody } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const datasetsApi = {
  list: (query: ListDatasetsQuery) => http.get<DatasetPage>(PATHS.datasets, query),
  create: (body: CreateDatasetBody) => http.post<Dataset>(PATHS.datasets, body),
  get: (name: string) => http.get<Dataset>(fillPath(PATHS.dataset, { name })),
  update: (name: string, body: UpdateDatasetBody) => http.patch<Dataset>(fillPath(PATHS.dataset, { name }), body),
  delete: (name: string) => http.delete(fillPath(PATHS.dataset, { name })),
};
