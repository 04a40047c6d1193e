// A dataset's cover: its first sample's thumbnail, or the media type's icon while there is none or it cannot load.
import { Center } from '@mantine/core';
import type { DatasetListItem } from '@teamset/contract';
import { useState } from 'react';
import { mediaApi } from '../../api/media-api';
import { MEDIA_TYPE_ICONS } from './media-types';

/** Decorative (alt=""): the dataset's name is next to it, and a screen reader has nothing to gain from a thumbnail. */
export function DatasetCover({ dataset, height }: { dataset: DatasetListItem; height: number }) {
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const Icon = MEDIA_TYPE_ICONS[dataset.mediaType];
  const src = dataset.coverSampleId ? mediaApi.thumbnailUrl(dataset.name, dataset.coverSampleId) : undefined;
  const frame = { height, width: '100%', background: 'var(--mantine-color-gray-1)', overflow: 'hidden' } as const;
  if (!src || failed === src) {
    return (
      <Center style={frame} data-cover="none">
        <Icon size={Math.min(48, height / 2)} color="var(--mantine-color-gray-6)" aria-hidden />
      </Center>
    );
  }
  return (
    <div style={frame}>
      <img
        src={src}
        alt=""
        loading="lazy"
        data-cover="thumbnail"
        onError={() => setFailed(src)}
        style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
      />
    </div>
  );
}
