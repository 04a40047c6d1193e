// Samples, labels, field schema, aggregations and saved views: the shapes shared by core, server and SDK.
export * from './field-types.js';
export * from './labels.js';
export * from './builtin-fields.js';
export * from './resolve-path.js';
export * from './sample.js';
export * from './aggregations.js';
export * from './fields-and-views.js';
