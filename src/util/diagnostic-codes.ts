/**
 * Tolerated anomalies: the input is odd in a way Android accepts, and we repaired or ignored it as
 * Android does. They are evidence (packers and droppers produce them), so they are data in the
 * report, never log lines.
 */
export const DIAGNOSTIC_CODES = {
  W_ZIP_ENCRYPTED_FLAG: 'general-purpose bit 0 ("encrypted") is set but ignored, as Android ignores it',
  W_ZIP_LFH_MISMATCH: 'local file header disagrees with the central directory; central directory used, as Android does',
  W_ZIP_UNKNOWN_METHOD: 'unknown compression method: inflated when the data is deflate (libziparchive, apksig), else read as stored (androidfw)',
  W_ZIP_COMMENT_GARBAGE: 'bytes between central directory and end record, or a comment length that disagrees',
  W_ZIP_PREPENDED_DATA: 'data before the first local file header (e.g. a Janus-style prepended DEX)',
  W_ZIP_SUSPICIOUS_NAME: 'entry name is absolute, contains "..", a backslash or a NUL',
  W_ZIP_BAD_CRC: "an entry's CRC-32 does not match its data",
  W_ZIP_DUPLICATE_ENTRY: 'two entries share one name; Android refuses to install such an APK',
  W_AXML_SIZE_MISMATCH: 'binary XML header size disagrees with the data; Android ignores the extra bytes',
  W_AXML_UNKNOWN_CHUNK: 'unknown chunk type skipped, as Android skips it',
  W_AXML_BAD_STRING: 'string in a string pool is unterminated or out of bounds; repaired',
  W_AXML_NAME_MASKED: 'attribute name string disagrees with its resource ID (packer masking); resource ID used',
  W_AXML_NAMESPACE_ODD: 'namespace declarations are unbalanced, repeated or unusual',
  W_AXML_NODE_SKIPPED: 'a malformed node was skipped',
  W_AXML_TRUNCATED: 'document ends before all elements are closed',
  W_AXML_STYLES_IGNORED: 'string pool style data ignored',
  W_MANIFEST_ODD: 'manifest structure Android tolerates but tools misread (duplicate or misplaced elements)',
  W_ARSC_ODD: 'resources.arsc anomaly tolerated',
  W_DEX_METHOD_SKIPPED: "a method's code is malformed; the method was skipped",
  W_DEX_FAILED: 'a DEX file, or entries of its tables, could not be read; the rest was analysed and clauses that read code are capped at review',
  W_DEX_ODD: 'DEX anomaly tolerated (checksum, map list, unusual layout)',
  W_SIG_MALFORMED: 'signature data is malformed; signing facts are incomplete',
  W_SPLIT_SIGNER: 'a split APK is unsigned or signed by another certificate than the base (Android refuses to install it with the base)',
  W_ARTIFACT_FAILED: 'an optional artifact could not be decoded; checks that need it are capped at review',
  W_LIMIT_PREFIX: 'an entry was read only up to the prefix its reader needs; the rest was not examined',
  W_LIMIT_CODE_SCAN: 'the DEX code scan stopped at its limit (methods share code items; more code was walked than the file holds); the rest was not scanned',
  W_LIMIT_DIAGNOSTICS: 'the per-app number of diagnostics was reached; further ones are counted, not listed',
  W_LIMIT_ASSETS: 'the bytes of text assets or native libraries searched reached their limit; some files were not searched or searched in part',
  W_LIMIT_NATIVE: 'the string search of a native library reached its limit (bytes of one library, or strings kept)',
  W_LIMIT_RESOURCE_STRINGS: 'the index of resource strings reached its limit; further resource strings were not searched',
  W_LIMIT_XML_FILES: 'the search of compiled XML files (layouts etc.) reached a limit (number of files, size of one file, texts of one file)',
  W_LIMIT_STRING_INDEX: 'results of the string search reached a limit (hits per group, extracted values per kind, bundled documents, pre-checked toggles); the first found are kept',
  W_LIMIT_CALL_GRAPH: 'the startup call graph stopped at its limit; some startup paths were not followed, and clauses 2 and 9 say so',
  W_LIMIT_SIGNATURE: 'signature data is beyond a read limit (signing block size or pairs, v1 signature block or file size); signing facts are incomplete',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
