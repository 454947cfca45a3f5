// The types every stage shares. This folder imports nothing else of ours (enforced by eslint.config.js).
export * from './artifact.js';
export * from './evidence.js';
export * from './finding.js';
export * from './location.js';
export * from './owner.js';
export * from './text.js';
export * from './verdict.js';
