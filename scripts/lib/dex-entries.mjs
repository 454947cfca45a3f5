// The classes*.dex entries of an APK as its central directory declares them: the benchmarks'
// floors read them with node:zlib directly, never through our own zip reader they measure.

/** Each classes*.dex entry: method, sizes and where its data starts (undefined when the local header is out of the file). */
export function dexCentralEntries(b) {
  const out = [];
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && p + 46 <= b.length && b.readUInt32LE(p) === 0x02014b50; i++) {
    const n = b.readUInt16LE(p + 28);
    const name = b.toString('utf8', p + 46, p + 46 + n);
    const lho = b.readUInt32LE(p + 42);
    if (/^classes\d*\.dex$/.test(name)) {
      out.push({
        method: b.readUInt16LE(p + 10),
        csize: b.readUInt32LE(p + 20),
        size: b.readUInt32LE(p + 24),
        data: lho + 30 <= b.length ? lho + 30 + b.readUInt16LE(lho + 26) + b.readUInt16LE(lho + 28) : undefined,
      });
    }
    p += 46 + n + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}
