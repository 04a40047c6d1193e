// Tags on a view's samples or labels (TAG), their counts (VIEW), and the progress of a tag request while it runs.
import type { TagBody, TagCounts, TagProgressResult, UpdatedResult } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const tagsApi = {
  tag: (dataset: string, body: TagBody) => http.post<UpdatedResult>(fillPath(PATHS.tag, { name: dataset }), body),
  untag: (dataset: string, body: TagBody) => http.post<UpdatedResult>(fillPath(PATHS.untag, { name: dataset }), body),
  count: (dataset: string, body: Omit<TagBody, 'tags' | 'progress'>) =>
    http.post<TagCounts>(fillPath(PATHS.countTags, { name: dataset }), body),
  progress: (dataset: string, token: string) =>
    http.get<TagProgressResult>(fillPath(PATHS.tagProgress, { name: dataset, token })),
};
