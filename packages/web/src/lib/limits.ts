// Input limits the forms check before sending, the same numbers the contract enforces (checked against its types).
import type { PASSWORD_MIN_LENGTH as ContractMin, KEY_NAME_MAX_LENGTH as ContractKeyMax } from '@teamset/contract';

export const PASSWORD_MIN_LENGTH: typeof ContractMin = 8;
export const KEY_NAME_MAX_LENGTH: typeof ContractKeyMax = 100;
