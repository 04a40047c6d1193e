// @teamset/contract: the wire schemas, error codes and enums shared by server, SDK and web. No I/O.
export * from './constants/index.js';
export * from './errors/error-codes.js';
export * from './identity/roles.js';
export * from './keys/key-format.js';
export * from './schemas/common.js';
export * from './schemas/users.js';
export * from './schemas/auth.js';
export * from './schemas/invitations.js';
export * from './schemas/keys.js';
export * from './schemas/organization.js';
export * from './schemas/datasets.js';
export * from './schemas/groups.js';
export * from './schemas/account.js';
export * from './schemas/media.js';
export * from './routes.js';
export * from './views/index.js';
export * from './samples/index.js';
