// The kinds of option an MS365 integration's form can hold, as Home Assistant's voluptuous-serialize
// names them; anything else is `unknown` and the panel leaves it at its default.

export const OPTION_FIELD_TYPES = ['string', 'boolean', 'integer', 'select', 'multi_select', 'constant', 'expandable'] as const;
export type OptionFieldType = (typeof OPTION_FIELD_TYPES)[number] | 'unknown';
