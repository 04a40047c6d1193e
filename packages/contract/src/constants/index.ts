// @teamset/contract/constants: the contract's plain values (paths, limits, roles, permissions, auth names, patch and metadata fields), free of
// TypeBox so that the web bundle can import them; the main entry re-exports the same bindings.
export * from './auth-names.js';
export * from './limits.js';
export * from './roles.js';
export { API_PREFIX, PATHS, fillPath } from '../routes.js';
export * from './service-accounts.js';
export { PATCH_LABEL_CLASSES, patchFields } from '../samples/patch-fields.js';
export { METADATA_ATTRIBUTES } from '../samples/builtin-fields.js';
