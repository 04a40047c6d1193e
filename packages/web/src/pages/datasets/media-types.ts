// Media types as the datasets home shows them: a word a person reads, and an icon.
import type { MediaType } from '@teamset/contract';
import { IconBox, IconCube, IconLayoutGrid, IconMovie, IconPhoto, type Icon } from '@tabler/icons-react';

export const MEDIA_TYPE_LABELS: Record<MediaType, string> = {
  image: 'Images',
  video: 'Videos',
  group: 'Groups',
  'point-cloud': 'Point clouds',
  '3d': '3D scenes',
};

export const MEDIA_TYPE_ICONS: Record<MediaType, Icon> = {
  image: IconPhoto,
  video: IconMovie,
  group: IconLayoutGrid,
  'point-cloud': IconBox,
  '3d': IconCube,
};
