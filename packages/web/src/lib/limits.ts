// Input limits the forms check before sending, the same numbers the contract enforces (checked against its types).
import type {
  GROUP_DESCRIPTION_MAX_LENGTH as ContractGroupDescriptionMax,
  GROUP_NAME_MAX_LENGTH as ContractGroupNameMax,
  KEY_NAME_MAX_LENGTH as ContractKeyMax,
  PASSWORD_MIN_LENGTH as ContractMin,
} from '@teamset/contract';

export const PASSWORD_MIN_LENGTH: typeof ContractMin = 8;
export const KEY_NAME_MAX_LENGTH: typeof ContractKeyMax = 100;
export const GROUP_NAME_MAX_LENGTH: typeof ContractGroupNameMax = 100;
export const GROUP_DESCRIPTION_MAX_LENGTH: typeof ContractGroupDescriptionMax = 1000;
