import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileSource } from '../../src/apk/source.js';
import { openZip, type ZipArchive } from '../../src/apk/zip.js';
import { type DexFile, parseDexContainer } from '../../src/dex/dex-file.js';
import { androguardDexEntryNames, dexEntryNames } from '../../src/dex/entries.js';
import { distinctStrings, listClassDescriptors, listMethodRefs } from '../../src/dex/listing.js';
import { corpusPath, hasCorpus, type OracleRow, oracleRows } from '../helpers/corpus.js';

/** SHA-256 of the list joined with \n, UTF-8, no trailing newline (the oracle's definition). */
const sha256 = (list: readonly string[]): string => createHash('sha256').update(list.join('\n'), 'utf8').digest('hex');

function loadDexes(file: string): { zip: ZipArchive; dexes: DexFile[] } {
  const zip = openZip(new FileSource(corpusPath(file)));
  // Count what androguard counted: its get_dex_names rule (see src/dex/entries.ts for how it
  // differs from what Android loads; on this corpus the two agree, checked below).
  const dexes = androguardDexEntryNames(zip.names()).flatMap((n) => parseDexContainer(zip.read(n), { entry: n }));
  return { zip, dexes };
}

/**
 * Files where pledge-audit and androguard disagree and we can show why. Empty: on every corpus
 * APK androguard read, our class list, method-ref list and string count equal its own.
 */
const EXPECTED_DIFFERENCES: Record<string, { field: 'classes' | 'methodRefs' | 'strings'; ours: number | string; why: string }[]> = {};

/**
 * Files androguard failed on (its `error`), so the oracle has no DEX facts: the facts checked
 * instead come from baksmali 2.5.2 (`baksmali list classes` / `list methods` over the same
 * entries, sorted with LC_ALL=C, i.e. by code point), an independent DEX reader. The method list
 * here is in the DEX form without spaces.
 */
const BAKSMALI_FACTS: Record<string, { classes: number; classesSha256: string; methodRefs: number; methodRefsSha256: string }> = {
  'apk/androguard__multidex.apk': {
    classes: 2,
    classesSha256: '1c762f52f048cf7f9d6551293c3fe2aaaa10e86f5b672d306337b06bd11f8121',
    methodRefs: 6,
    methodRefsSha256: 'f5dc504daba585674193077023da9547ff98eb4bfa14beacf978fbfbe8b8fa2d',
  },
  'apk/apktool__client.apk': {
    classes: 8,
    classesSha256: '766443e9ff377be1e109f9006a463a94ead5ddf04831a3ec37c69ea67411bd30',
    methodRefs: 24,
    methodRefsSha256: '506286a2bb9b1d4647fbce1787c59547ee8ce8d21ac754b351b6fa3e0f1b9fbe',
  },
  'apk/apktool__library.apk': {
    classes: 15,
    classesSha256: '76300337c15ef9c49dac014503a7fb213be5b255b1297d0016fd84bc91b8da9e',
    methodRefs: 78,
    methodRefsSha256: '6df239e3316f3a2cab6a5372d43b7bd62bf45265b38b3bea47e98a7335f85d15',
  },
  'apk/weibosdk__composer.apk': {
    classes: 417,
    classesSha256: '0030c71605a2390053567daee4895de2eca3b4e15483b92cca0b6219d59d1ae2',
    methodRefs: 5612,
    methodRefsSha256: '234a50a08ce9a304c423aeb870cf32203c56909ba6db670631ca28f399fb0cac',
  },
  'signing/androguard__v2-only-garbage-between-cd-and-eocd.apk': {
    classes: 4,
    classesSha256: '1299ffd301457f4de434c96bce86fc7379f4a4405dd3c7f53155d3fa46cd40af',
    methodRefs: 9,
    methodRefsSha256: '7ba072894eee021ebc31da51632c0bfd359256f8339bcde9f58e072996e107ab',
  },
};

describe.runIf(hasCorpus())('DEX facts against the androguard oracle', () => {
  const rows = hasCorpus() ? oracleRows() : [];
  const withFacts = rows.filter((r): r is OracleRow & { classes: number; methodRefs: number } => r.classes !== undefined && r.methodRefs !== undefined);

  it('has oracle rows with DEX facts', () => expect(withFacts.length).toBeGreaterThan(100));

  it.each(withFacts.map((r) => [r.file, r] as const))('%s', (_file, row) => {
    const { dexes, zip } = loadDexes(row.file);
    expect(androguardDexEntryNames(zip.names()).sort()).toEqual([...(row.dexFiles ?? [])].sort());
    const differences = EXPECTED_DIFFERENCES[row.file] ?? [];
    const expected = (field: 'classes' | 'methodRefs' | 'strings', oracle: number | string): number | string =>
      differences.find((d) => d.field === field)?.ours ?? oracle;

    const classes = listClassDescriptors(dexes);
    expect(classes.length).toBe(expected('classes', row.classes));
    expect(sha256(classes)).toBe(row.classesSha256);

    // androguard writes parameter types separated by spaces: "(I Ljava/lang/String;)V"
    const refs = listMethodRefs(dexes, { parameterSeparator: ' ' });
    expect(refs.length).toBe(expected('methodRefs', row.methodRefs));
    expect(sha256(refs)).toBe(row.methodRefsSha256);

    if (row.strings !== undefined) expect(distinctStrings(dexes).size).toBe(expected('strings', row.strings));
  });

  it.each(Object.entries(BAKSMALI_FACTS))('%s (androguard failed; baksmali facts)', (file, facts) => {
    expect(rows.find((r) => r.file === file)?.error).toBeDefined();
    const { dexes } = loadDexes(file);
    const classes = listClassDescriptors(dexes);
    const refs = listMethodRefs(dexes);
    expect({ classes: classes.length, classesSha256: sha256(classes), methodRefs: refs.length, methodRefsSha256: sha256(refs) }).toEqual(facts);
  });

  it('finds the same DEX entries with the Android rule and the androguard rule on every corpus APK', () => {
    let apks = 0;
    for (const row of rows) {
      let zip: ZipArchive;
      try {
        zip = openZip(new FileSource(corpusPath(row.file)));
      } catch {
        continue; // not a readable zip: the zip reader's tests cover these
      }
      apks++;
      expect(dexEntryNames(zip.names()), row.file).toEqual([...androguardDexEntryNames(zip.names())].sort(byDexNumber));
    }
    expect(apks).toBeGreaterThan(150);
  });
});

function byDexNumber(a: string, b: string): number {
  const n = (s: string): number => Number(/^classes(\d*)\.dex$/.exec(s)?.[1] || 1);
  return n(a) - n(b);
}
