// The "Dataset" column of a person's or a group's dataset access: the name, linking to where access is managed.
import { Anchor } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { DataColumn } from '../../components/data-table';

export const DATASET_LINK_COLUMN: DataColumn<{ datasetName: string }> = {
  header: 'Dataset',
  cell: ({ datasetName }) => (
    <Anchor component={Link} to={`/datasets/${encodeURIComponent(datasetName)}/manage`} size="sm">
      {datasetName}
    </Anchor>
  ),
};
