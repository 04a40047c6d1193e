// Dataset shapes (docs/design.md §5) and dataset permissions (docs/design.md §2): the dataset object, its inputs, listings and grants.
import { Type, type Static } from 'typebox';
import {
  DATASET_DESCRIPTION_MAX_LENGTH,
  DATASET_MAX_TAGS,
  DATASET_NAME_MAX_LENGTH,
  DATASET_TAG_MAX_LENGTH,
} from '../constants/limits.js';
import { DATASET_PERMISSIONS, type DatasetPermission } from '../constants/roles.js';
import { DatasetPermissionSchema, RoleSchema } from '../identity/roles.js';
import { Email, Id, NullableString, PageQuery, PersonName, Timestamp, UserRef } from './common.js';
import { DatasetGroupPermission, GroupRef } from './groups.js';
import { Invitation } from './invitations.js';

/** FiftyOne's media types (fiftyone.core.media): a dataset holds one kind of sample. */
export const MEDIA_TYPES = ['image', 'video', 'group', 'point-cloud', '3d'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export const DEFAULT_MEDIA_TYPE: MediaType = 'image';

export const MediaTypeSchema = Type.Enum(MEDIA_TYPES, { description: 'image, video, group, point-cloud or 3d' });
export const DatasetName = Type.String({
  minLength: 1,
  maxLength: DATASET_NAME_MAX_LENGTH,
  description: 'Dataset name (unique; its slug must be unique too)',
});
export const DatasetTags = Type.Array(Type.String({ minLength: 1, maxLength: DATASET_TAG_MAX_LENGTH }), {
  maxItems: DATASET_MAX_TAGS,
});
export const DatasetDescription = NullableString(Type.String({ maxLength: DATASET_DESCRIPTION_MAX_LENGTH }));
export const DatasetInfo = Type.Record(Type.String(), Type.Unknown(), { description: 'Free-form JSON object' });

/** A permission or null (no explicit grant), as one type list like NullableString. */
export const NullableDatasetPermission = Type.Unsafe<DatasetPermission | null>({
  type: ['string', 'null'],
  enum: [...DATASET_PERMISSIONS, null],
});

/**
 * FiftyOne-style URL slug of a dataset name: lower case, every run of characters other than
 * a–z and 0–9 becomes one '-', no leading or trailing '-'. Empty when the name has no such character.
 */
export function datasetSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const Dataset = Type.Object(
  {
    id: Id,
    name: Type.String(),
    slug: Type.String(),
    mediaType: MediaTypeSchema,
    tags: Type.Array(Type.String()),
    description: NullableString(Type.String()),
    info: DatasetInfo,
    createdAt: Timestamp,
    lastModifiedAt: Timestamp,
    createdBy: NullableString(Id),
    defaultPermission: DatasetPermissionSchema,
    permission: { ...DatasetPermissionSchema, description: 'The caller’s effective permission on the dataset' },
  },
  { title: 'Dataset', additionalProperties: false },
);
export type Dataset = Static<typeof Dataset>;

export const CreateDatasetBody = Type.Object(
  {
    name: DatasetName,
    mediaType: Type.Optional(MediaTypeSchema),
    tags: Type.Optional(DatasetTags),
    description: Type.Optional(DatasetDescription),
    info: Type.Optional(DatasetInfo),
  },
  { additionalProperties: false },
);
export type CreateDatasetBody = Static<typeof CreateDatasetBody>;

/** Renaming needs MANAGE; the other fields need EDIT. */
export const UpdateDatasetBody = Type.Object(
  {
    name: Type.Optional(DatasetName),
    tags: Type.Optional(DatasetTags),
    description: Type.Optional(DatasetDescription),
    info: Type.Optional(DatasetInfo),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDatasetBody = Static<typeof UpdateDatasetBody>;

/** What a dataset listing can be ordered by; ties (and `name`) go by name, so pages never overlap. */
export const DATASET_SORT_KEYS = ['name', 'sampleCount', 'lastModifiedAt'] as const;
export type DatasetSortKey = (typeof DATASET_SORT_KEYS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const ListDatasetsQuery = Type.Object(
  {
    ...PageQuery,
    search: Type.Optional(
      Type.String({ maxLength: DATASET_NAME_MAX_LENGTH, description: 'Substring of the name (case-insensitive)' }),
    ),
    sort: Type.Optional(
      Type.Enum(DATASET_SORT_KEYS, {
        description: 'name (default), sampleCount or lastModifiedAt (every sample write changes it too)',
      }),
    ),
    order: Type.Optional(Type.Enum(SORT_ORDERS, { description: 'asc (default) or desc' })),
  },
  { additionalProperties: false },
);
export type ListDatasetsQuery = Static<typeof ListDatasetsQuery>;

/** A top-level label field of a dataset and its label class (`ground_truth`, `Detections`). */
export const DatasetLabelField = Type.Object(
  { name: Type.String(), type: Type.String({ description: 'Label class, e.g. Detections' }) },
  { additionalProperties: false },
);
export type DatasetLabelField = Static<typeof DatasetLabelField>;

/** A dataset in a listing: the dataset and what its home card shows, read by the listing's own queries. */
export const DatasetListItem = Type.Object(
  {
    ...Dataset.properties,
    sampleCount: Type.Integer({ minimum: 0 }),
    labelFields: Type.Array(DatasetLabelField, { description: 'Top-level label fields, by name' }),
    coverSampleId: NullableString(
      Type.String({ description: 'The first sample (its thumbnail is the cover); null when the dataset is empty' }),
    ),
  },
  { title: 'DatasetListItem', additionalProperties: false },
);
export type DatasetListItem = Static<typeof DatasetListItem>;

export const DatasetPage = Type.Object({
  datasets: Type.Array(DatasetListItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type DatasetPage = Static<typeof DatasetPage>;

export const DatasetNameParams = Type.Object({ name: DatasetName }, { additionalProperties: false });
export type DatasetNameParams = Static<typeof DatasetNameParams>;

export const DatasetUserParams = Type.Object({ name: DatasetName, user: UserRef }, { additionalProperties: false });
export type DatasetUserParams = Static<typeof DatasetUserParams>;

export const DatasetGroupParams = Type.Object({ name: DatasetName, group: GroupRef }, { additionalProperties: false });
export type DatasetGroupParams = Static<typeof DatasetGroupParams>;

/** The user a permission belongs to, without account details. */
export const PermissionUser = Type.Object(
  { id: Id, email: Email, name: PersonName, role: RoleSchema },
  { title: 'PermissionUser', additionalProperties: false },
);
export type PermissionUser = Static<typeof PermissionUser>;

export const DatasetUserPermission = Type.Object(
  {
    user: PermissionUser,
    userPermission: { ...NullableDatasetPermission, description: 'The explicit grant to this user, or null' },
    activePermission: {
      ...DatasetPermissionSchema,
      description: 'Effective: role, default permission and grants combined (docs/design.md §2)',
    },
  },
  { title: 'DatasetUserPermission', additionalProperties: false },
);
export type DatasetUserPermission = Static<typeof DatasetUserPermission>;

export const DatasetPermissionList = Type.Object({
  dataset: Type.String(),
  defaultPermission: DatasetPermissionSchema,
  users: Type.Array(DatasetUserPermission),
  groups: Type.Array(DatasetGroupPermission, {
    description: 'Explicit grants to user groups; their members are among `users`',
  }),
});
export type DatasetPermissionList = Static<typeof DatasetPermissionList>;

export const SetDatasetUserPermissionBody = Type.Object(
  {
    permission: DatasetPermissionSchema,
    invite: Type.Optional(
      Type.Boolean({
        description:
          'When the user is an email with no account: invite it (admins only); the permission applies on acceptance',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SetDatasetUserPermissionBody = Static<typeof SetDatasetUserPermissionBody>;

/** The answer to a grant with `invite` for an unknown email (201). `url`/`token` are null when an invitation was already pending: its link stays valid. */
export const DatasetPermissionInvitation = Type.Object(
  {
    invitation: Invitation,
    url: NullableString(Type.String()),
    token: NullableString(Type.String()),
    permission: DatasetPermissionSchema,
  },
  { title: 'DatasetPermissionInvitation', additionalProperties: false },
);
export type DatasetPermissionInvitation = Static<typeof DatasetPermissionInvitation>;

export const SetDatasetDefaultPermissionBody = Type.Object(
  { permission: DatasetPermissionSchema },
  { additionalProperties: false },
);
export type SetDatasetDefaultPermissionBody = Static<typeof SetDatasetDefaultPermissionBody>;

export const UserDatasetPermission = Type.Object(
  {
    datasetId: Id,
    datasetName: Type.String(),
    userPermission: NullableDatasetPermission,
    activePermission: DatasetPermissionSchema,
  },
  { title: 'UserDatasetPermission', additionalProperties: false },
);
export type UserDatasetPermission = Static<typeof UserDatasetPermission>;

/** Every dataset the user can see, with their grant and effective permission. */
export const UserDatasetPermissionList = Type.Object({
  user: PermissionUser,
  datasets: Type.Array(UserDatasetPermission),
});
export type UserDatasetPermissionList = Static<typeof UserDatasetPermissionList>;
