// Input limits every part enforces or checks early: the schemas, the core's validation and the web's forms read these.

/** Loose on purpose: the server lower-cases and a person receives mail there; we only reject the obviously wrong. */
export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+$';
export const EMAIL_MAX_LENGTH = 254;
export const PERSON_NAME_MAX_LENGTH = 100;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const KEY_NAME_MAX_LENGTH = 100;
/** Ten years: long enough for any real use, short enough to keep dates sane. */
export const MAX_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/** The longest grace a rotation may give the old secret. */
export const MAX_KEY_GRACE_SECONDS = 90 * 24 * 3600;
/** The grace a rotation gives when none is named. */
export const DEFAULT_KEY_GRACE_SECONDS = 24 * 3600;
/** Why a key reported as found in the wild is refused; its owner reads this in the key list. */
export const LEAKED_KEY_REASON = 'reported as leaked';
/** Key strings one leak report may carry. */
export const MAX_LEAKED_KEYS_PER_REPORT = 100;
/** Far longer than a key (42 characters), so a report carrying odd text is still accepted, yet bounded. */
export const LEAKED_KEY_MAX_LENGTH = 256;
/** Datasets one scoped key may list: a key for a job, not an inventory. */
export const MAX_KEY_SCOPE_DATASETS = 100;

export const GROUP_NAME_MAX_LENGTH = 100;
export const GROUP_DESCRIPTION_MAX_LENGTH = 1000;
/** Users named in one membership change: enough for any team, small enough to check in one statement. */
export const GROUP_MAX_USERS_PER_CHANGE = 1000;

export const DATASET_NAME_MAX_LENGTH = 200;
export const DATASET_TAG_MAX_LENGTH = 100;
export const DATASET_MAX_TAGS = 100;
export const DATASET_DESCRIPTION_MAX_LENGTH = 10_000;

export const MAX_MEDIA_ROOTS = 50;
export const MEDIA_ROOT_MAX_LENGTH = 4096;
