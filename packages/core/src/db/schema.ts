// Kysely table types for the identity and dataset tables; timestamps are Date in PostgreSQL and ISO text in SQLite.
import type { Generated, Kysely, Transaction } from 'kysely';

/** What a timestamp column yields: pg returns Date for timestamptz, SQLite our ISO strings. */
export type DbTime = string | Date;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface PasswordHashesTable {
  user_id: string;
  hash: string;
  updated_at: DbTime;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: DbTime;
  expires_at: DbTime;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationsTable {
  id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string | null;
  created_at: DbTime;
  expires_at: DbTime;
  accepted_at: DbTime | null;
  accepted_user_id: string | null;
  revoked_at: DbTime | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  key_hash: string;
  display_prefix: string;
  created_at: DbTime;
  created_by: string | null;
  last_used_at: DbTime | null;
  expires_at: DbTime | null;
  revoked_at: DbTime | null;
  revoked_reason: string | null;
  /** Migration 0009: the key's scope (null / 0: unscoped). */
  scope_max_permission: string | null;
  scope_read_only_management: Generated<number>;
  scope_datasets_limited: Generated<number>;
}

/** The datasets a dataset-limited key reaches (migration 0009). */
export interface ApiKeyDatasetsTable {
  key_id: string;
  dataset_id: string;
  created_at: DbTime;
}

/** A rotated-out secret of a key: it keeps working until `grace_ends_at`. */
export interface ApiKeyPreviousSecretsTable {
  key_hash: string;
  key_id: string;
  display_prefix: string;
  rotated_at: DbTime;
  grace_ends_at: DbTime;
}

export interface OrganizationSettingsTable {
  id: number;
  default_user_role: string;
  default_dataset_permission: string;
  updated_at: DbTime;
  /** FiftyOne's operator defaults (migration 0004): stored so they round-trip; Teamset runs no operators. */
  default_operator_minimum_role: Generated<string>;
  default_operator_minimum_dataset_permission: Generated<string>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: DbTime;
  action: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: string;
}

/** Change feed that lets every server sharing the database evict cached credentials (docs/design.md §3). */
export interface AuthEventsTable {
  seq: Generated<number>;
  at: DbTime;
  kind: string;
  key_id: string | null;
  user_id: string | null;
}

export interface DatasetsTable {
  id: string;
  name: string;
  slug: string;
  media_type: string;
  /** JSON array of strings. */
  tags: string;
  description: string | null;
  /** JSON object. */
  info: string;
  created_at: DbTime;
  last_modified_at: DbTime;
  created_by: string | null;
  default_permission: string;
}

/** Explicit per-user grants (docs/design.md §2); the creator of a dataset holds MANAGE here. */
export interface DatasetUserPermissionsTable {
  dataset_id: string;
  user_id: string;
  permission: string;
  created_at: DbTime;
  updated_at: DbTime;
}

/**
 * One sample. `tags`, `metadata` and `fields` are binary JSON: a JSONB blob on SQLite (write with jsonb(?),
 * read with json(col)), jsonb on PostgreSQL (pg returns it parsed). Typed `unknown` because of that difference.
 */
export interface SamplesTable {
  seq: Generated<number>;
  id: string;
  dataset_id: string;
  filepath: string;
  tags: unknown;
  metadata: unknown;
  fields: unknown;
  created_at: DbTime;
  last_modified_at: DbTime;
}

/** A dataset's custom field schema: top-level custom fields and custom label attributes, path → FieldType. */
export interface DatasetFieldsTable {
  dataset_id: string;
  path: string;
  type: string;
  created_at: DbTime;
}

export interface SavedViewsTable {
  id: string;
  dataset_id: string;
  name: string;
  slug: string;
  description: string | null;
  /** `#rrggbb` (migration 0012), or null. */
  color: string | null;
  /** The view JSON. */
  view: string;
  created_at: DbTime;
  last_modified_at: DbTime;
  created_by: string | null;
}

/** A dataset grant waiting on an invitation; applied when the invitation is accepted. */
export interface InvitationDatasetGrantsTable {
  invitation_id: string;
  dataset_id: string;
  permission: string;
}

/** Admin-managed user groups (docs/design.md §2); names are unique case-insensitively. */
export interface UserGroupsTable {
  id: string;
  name: string;
  description: string | null;
  created_at: DbTime;
  updated_at: DbTime;
}

export interface UserGroupMembersTable {
  group_id: string;
  user_id: string;
  created_at: DbTime;
}

/** Explicit grants to groups; a member's effective permission takes the highest of them (docs/design.md §2). */
export interface DatasetGroupPermissionsTable {
  dataset_id: string;
  group_id: string;
  permission: string;
  created_at: DbTime;
  updated_at: DbTime;
}

/** The organization's media roots (migration 0005), in the order the admin listed them. */
export interface MediaRootsTable {
  position: number;
  path: string;
  added_at: DbTime;
  added_by: string | null;
}

/**
 * The label index (migration 0006, docs/datasets.md): one row per label of a label field, written by triggers on
 * `samples` in the statement that writes the sample, so it is exact after every write whatever the write path.
 * `position` is the label's index in its list (0 for a single label); `tags` is a JSON array, null when empty.
 */
export interface SampleLabelsTable {
  sample_seq: number;
  dataset_id: string;
  field: string;
  position: number;
  label: string | null;
  confidence: number | null;
  tags: unknown;
}

export interface DatabaseSchema {
  users: UsersTable;
  password_hashes: PasswordHashesTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  api_keys: ApiKeysTable;
  api_key_previous_secrets: ApiKeyPreviousSecretsTable;
  api_key_datasets: ApiKeyDatasetsTable;
  organization_settings: OrganizationSettingsTable;
  audit_events: AuditEventsTable;
  auth_events: AuthEventsTable;
  datasets: DatasetsTable;
  dataset_user_permissions: DatasetUserPermissionsTable;
  samples: SamplesTable;
  dataset_fields: DatasetFieldsTable;
  saved_views: SavedViewsTable;
  invitation_dataset_grants: InvitationDatasetGrantsTable;
  user_groups: UserGroupsTable;
  user_group_members: UserGroupMembersTable;
  dataset_group_permissions: DatasetGroupPermissionsTable;
  media_roots: MediaRootsTable;
  sample_labels: SampleLabelsTable;
}

/** Where a store statement runs: the database itself, or the caller's open transaction. */
export type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;
