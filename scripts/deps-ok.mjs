// Exit 0 when node_modules holds exactly what package-lock.json pins, so `npm ci` can be skipped.
// npm keeps a record of what it installed in node_modules/.package-lock.json; compare the two.
import { readFileSync } from 'node:fs';

const read = (path) => {
  try {
    return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')).packages ?? {};
  } catch {
    return null;
  }
};

const wanted = read('../package-lock.json');
const installed = read('../node_modules/.package-lock.json');
if (!wanted || !installed) process.exit(1);

const stale = Object.entries(wanted).filter(([path, meta]) => {
  if (path === '' || !path.startsWith('node_modules/') || meta.optional) return false;
  return installed[path]?.version !== meta.version;
});
if (stale.length > 0) {
  console.error(`node_modules is out of date (${stale.length} packages, e.g. ${stale[0][0]})`);
  process.exit(1);
}
