/**
 * English phrases of two or more plain words in a text meant for Chinese readers. Identifiers
 * (API, class and file names, constants, camelCase, anything with a dot, slash, underscore,
 * colon, digit…), URLs, e-mail addresses and quoted text (app strings) are allowed; so are single
 * English words and capitalised names (SDK and product names).
 */
export function englishPhrases(text: string): string[] {
  const unquoted = text
    .replace(/“[^”]*”|"[^"]*"|「[^」]*」|`[^`]*`|‘[^’]*’/g, ' ')
    .replace(/https?:\/\/\S+|[\w.+-]+@[\w.-]+\.\w+/g, ' ')
    // The tool's own command lines (`pledge-audit scan`) are typed as they are.
    .replace(/pledge-audit(?: (?:audit|scan|worker|report|dump|sdks|rules|lists|diff|manifest|classes|signing))*/g, ' ');
  const plain = unquoted.replace(/[A-Za-z0-9_$./#;:<>@='*+\\[\]-]+/g, (tok) => {
    const word = tok.replace(/^[-'*]+|[-'*.:;]+$/g, '');
    // Options (`--format`) are typed as they are, like identifiers.
    const identifier = tok.startsWith('-') || /[0-9_$./#;:<>@=\\[\]]/.test(word) || /[a-z][A-Z]/.test(word) || /^[A-Z]{2,}/.test(word);
    return identifier ? ' ' : ` ${word} `;
  });
  const found = (plain.match(/(?<![A-Za-z])[a-z]+(?:-[a-z]+)*(?:[ ]+[a-z]+(?:-[a-z]+)*)+(?![A-Za-z])/g) ?? []).map((p) => p.replace(/ +/g, ' '));
  return found.filter((p) => !COMMANDS.has(p));
}

/** Command lines named in messages: they are typed as they are, in any language. */
const COMMANDS = new Set(['adb backup', 'adb install']);
