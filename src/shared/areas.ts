import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

let regencies: Map<string, string> | null = null;

/** Official Kemendagri regency/city name for a code like 33.29, from idn-area-data. */
export function regencyName(code: string): string | null {
  if (!regencies) {
    // The package's JS API is async and loads every level; the regency CSV is all we need here.
    const dataDir = path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
    const lines = fs.readFileSync(path.join(dataDir, 'regencies.csv'), 'utf8').trim().split('\n').slice(1);
    regencies = new Map(
      lines.map((line) => {
        const [c = '', , name = ''] = line.split(',');
        return [c, name.replace(/^"|"$/g, '')];
      }),
    );
  }
  return regencies.get(code) ?? null;
}
