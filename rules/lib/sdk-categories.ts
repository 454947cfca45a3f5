/** SDK categories whose business is profiling or reaching users (marketing in clause 4's sense). */
export const MARKETING = new Set(['ads', 'attribution', 'analytics', 'push']);
/**
 * Categories that personalise what the user sees (ads, targeted push): the ones a "turn off
 * personalisation" option is about. Analytics, attribution and device-ID SDKs measure; they do not
 * personalise, so their presence does not call for that option.
 */
export const PERSONALISING = new Set(['ads', 'push']);
/** Categories with no disclosed function for monitoring (clause 5). */
export const ADS_ANALYTICS = new Set(['ads', 'analytics', 'attribution']);
