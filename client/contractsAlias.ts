import { fileURLToPath } from 'node:url';

const source = (file: string) => fileURLToPath(new URL(`../common/contracts/src/${file}`, import.meta.url));

// The contracts package exports a dist build; the client compiles it from source instead. Runtime values
// (the limits) come from `@partyline/contracts/limits`, a module of plain constants: importing them from
// the package root would bundle zod and every schema. Types may come from the root (they are erased).
export const contractsAlias = [
  { find: /^@partyline\/contracts\/limits$/, replacement: source('limits.ts') },
  { find: /^@partyline\/contracts$/, replacement: source('index.ts') },
];
