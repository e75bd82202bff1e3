// What `import ... from 'servicecraft'` gives the guide's example, until the root index exports complaints.
export * from '../../src/complaints/index.js';
export * from '../../src/index.js';
