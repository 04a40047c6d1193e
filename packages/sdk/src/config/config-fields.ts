// The three settings of docs/design.md §4: their config.json keys and the environment variables that override them.

export type ConfigField = 'apiUri' | 'apiKey' | 'databaseUri';

export interface ConfigFieldSpec {
  field: ConfigField;
  fileKey: 'api_uri' | 'api_key' | 'database_uri';
  envVar: 'FIFTYONE_API_URI' | 'FIFTYONE_API_KEY' | 'FIFTYONE_DATABASE_URI';
}

export const CONFIG_FIELDS: readonly ConfigFieldSpec[] = [
  { field: 'apiUri', fileKey: 'api_uri', envVar: 'FIFTYONE_API_URI' },
  { field: 'apiKey', fileKey: 'api_key', envVar: 'FIFTYONE_API_KEY' },
  { field: 'databaseUri', fileKey: 'database_uri', envVar: 'FIFTYONE_DATABASE_URI' },
];

export const CONFIG_PATH_ENV_VAR = 'FIFTYONE_CONFIG_PATH';

/** Where a value came from, so `teamset config show` and error messages can point at it. */
export type ConfigSource =
  | { type: 'env'; variable: string }
  | { type: 'file'; path: string; key: string }
  | { type: 'option' }
  | { type: 'unset' };

export function describeSource(source: ConfigSource): string {
  switch (source.type) {
    case 'env':
      return `environment variable ${source.variable}`;
    case 'file':
      return `${source.key} in ${source.path}`;
    case 'option':
      return 'an explicit option';
    case 'unset':
      return 'not set';
  }
}
