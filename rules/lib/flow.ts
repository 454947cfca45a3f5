// TEMPORARY (issue 11): the data-flow facts moved to src/facts/flow.ts.
export * from '../../src/facts/flow.js';
