// `teamset datasets list|create|info|rename|delete|stats`: dataset records (and their facets), on the API or the database.
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import type { Dataset, MediaType } from '@teamset/contract';
import { listQuery, withListOptions, type ListOptions } from '../list-options.js';
import { parseMediaType } from '../option-parsers.js';
import { DATASET_COLUMNS, datasetFields } from '../render/columns.js';
import { registerDatasetStatsCommand } from './dataset-stats.js';

function showDataset(ctx: CliContext, dataset: Dataset, createdByEmail?: string): void {
  if (ctx.out.json) ctx.out.writeJson(dataset);
  else ctx.out.record(datasetFields(dataset, createdByEmail));
}

export function registerDatasetsCommands(program: TeamsetCommand): void {
  const datasets = program
    .command('datasets')
    .description('manage datasets (names may contain spaces and /: quote them)');

  withListOptions(
    datasets
      .command('list')
      .description('list the datasets you can see, a page at a time (every dataset when working on the database)'),
    { search: 'only datasets whose name contains this (case-insensitive)', pageSize: 'datasets per page' },
  ).run<[], ListOptions>(async (ctx, _args, options) => {
    const page = await ctx.withBackend((backend) => backend.listDatasets(listQuery(options)));
    ctx.out.page(page, page.datasets, DATASET_COLUMNS, 'dataset');
  });

  datasets
    .command('create')
    .description('create an empty dataset (members and admins); you get MANAGE on it')
    .argument('<name>', 'dataset name, unique (its URL slug must be unique too)')
    .option('--media-type <type>', 'image, video, group, point-cloud or 3d (default: image)', parseMediaType)
    .run<[string], { mediaType?: MediaType }>(async (ctx, [name], options) => {
      const input = options.mediaType === undefined ? { name } : { name, mediaType: options.mediaType };
      showDataset(ctx, await ctx.withBackend((backend) => backend.createDataset(input)));
    });

  datasets
    .command('info')
    .description('show a dataset: media type, tags, dates, default permission and yours')
    .argument('<name>', 'dataset name')
    .run<[string]>(async (ctx, [name]) => {
      const { dataset, createdBy } = await ctx.withBackend(async (backend) => {
        const found = await backend.getDataset(name);
        // The table shows who created it by email; --json keeps the record as the API sends it.
        const email = ctx.out.json || !found.createdBy ? undefined : await backend.userEmail(found.createdBy);
        return { dataset: found, createdBy: email };
      });
      showDataset(ctx, dataset, createdBy);
    });

  datasets
    .command('rename')
    .description('rename a dataset (MANAGE)')
    .argument('<name>', 'current dataset name')
    .argument('<new-name>', 'new dataset name')
    .run<[string, string]>(async (ctx, [name, newName]) => {
      showDataset(ctx, await ctx.withBackend((backend) => backend.renameDataset(name, newName)));
    });

  datasets
    .command('delete')
    .description('delete a dataset and every permission on it (MANAGE)')
    .argument('<name>', 'dataset name')
    .run<[string]>(async (ctx, [name]) => {
      await ctx.withBackend((backend) => backend.deleteDataset(name));
      ctx.out.result({ deleted: true, name }, `Deleted dataset ${name}`);
    });

  registerDatasetStatsCommand(datasets);
}
