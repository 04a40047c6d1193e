// A refused API key, explained: where the key was read from and how to get a new one.
import { describeSource, type ConfigSource } from '../config/config-fields.js';
import { AuthenticationError, type TeamsetError } from '../errors.js';

/** Where a person puts the new key, in the same place the refused one came from. */
function replaceIn(source: ConfigSource): string {
  switch (source.type) {
    case 'env':
      return source.variable;
    case 'file':
      return `${source.key} in ${source.path}`;
    default:
      return 'the apiKey your code passes';
  }
}

export function refusedKeyHint(source: ConfigSource): string {
  return (
    `The API key from ${describeSource(source)} was refused: it may have been deleted, expired or mistyped. ` +
    'Generate a new one in the web app (account menu › API keys) or with `teamset keys generate`, ' +
    `and put it in ${replaceIn(source)}.`
  );
}

/** A 401 gains the hint; any other error is returned as it is. */
export function explainRefusedKey(error: TeamsetError, source: ConfigSource): TeamsetError {
  if (!(error instanceof AuthenticationError)) return error;
  return new AuthenticationError(`${error.message}. ${refusedKeyHint(source)}`, {
    code: error.code === 'CONNECTION' || error.code === 'CONFIG' ? undefined : error.code,
    status: error.status,
    requestId: error.requestId,
    details: error.details,
    cause: error,
  });
}
