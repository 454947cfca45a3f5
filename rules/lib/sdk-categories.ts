/** SDK categories whose business is profiling or reaching users (marketing in clause 4's sense). */
export const MARKETING = new Set(['ads', 'attribution', 'analytics', 'push']);
/** Categories with no disclosed function for monitoring (clause 5). */
export const ADS_ANALYTICS = new Set(['ads', 'analytics', 'attribution']);
