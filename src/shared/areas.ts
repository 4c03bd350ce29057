import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Kemendagri area codes and names from idn-area-data's CSV files. The package's JS API is
// async and loads every level at once; we read each level lazily, once, into a Map.

type Level = 'regencies' | 'districts' | 'villages';
const levels = new Map<Level, Map<string, string>>();

/** `code,parent_code,name`; names may be quoted ("Lubuk Pakam I,II", "Soka""an"). */
function parseLine(line: string): [string, string] {
  const first = line.indexOf(',');
  const name = line.slice(line.indexOf(',', first + 1) + 1).trim();
  return [line.slice(0, first), name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name];
}

function load(level: Level): Map<string, string> {
  let names = levels.get(level);
  if (!names) {
    const dataDir = path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
    const lines = fs
      .readFileSync(path.join(dataDir, `${level}.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    names = new Map(lines.map(parseLine));
    levels.set(level, names);
  }
  return names;
}

/** Which level a code is at, by its shape: 33.03 regency, 33.03.05 district, 33.03.05.2001 village. */
function levelOf(code: string): Level | null {
  if (/^\d{2}\.\d{2}$/.test(code)) return 'regencies';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'districts';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'villages';
  return null;
}

/** Official Kemendagri regency/city name for a code like 33.29, from idn-area-data. */
export function regencyName(code: string): string | null {
  return load('regencies').get(code) ?? null;
}

/** Official name of a regency, district or village code (33.03, 33.03.05, 33.03.05.1001), or null if unknown. */
export function areaName(code: string): string | null {
  const level = levelOf(code);
  return level ? (load(level).get(code) ?? null) : null;
}

/** The districts of a regency, or the villages of a district, sorted by code. */
export function areaChildren(parent: string): { code: string; name: string }[] {
  const level = levelOf(parent);
  const childLevel = level === 'regencies' ? 'districts' : level === 'districts' ? 'villages' : null;
  if (!childLevel) return [];
  const prefix = `${parent}.`;
  const children: { code: string; name: string }[] = [];
  for (const [code, name] of load(childLevel)) {
    if (code.startsWith(prefix)) children.push({ code, name });
  }
  return children.sort((a, b) => a.code.localeCompare(b.code));
}

/** Whether `code` is the regency `regency` itself or an area inside it. */
export function isWithin(code: string, regency: string): boolean {
  return code === regency || code.startsWith(`${regency}.`);
}

/** Why an address's area code cannot be used in this regency, or null when it is a known area inside it. */
export function areaProblem(code: string, regency: string): 'area_outside_regency' | 'unknown_area' | null {
  if (!isWithin(code, regency)) return 'area_outside_regency';
  return areaName(code) ? null : 'unknown_area';
}
